#include "cli/serve_settings.h"

#include <CLI/CLI.hpp>
#include <boost/asio/ip/address.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tact {
namespace {

using Range = ServeSetting::Range;

constexpr int64_t kMiB = 1 << 20;

// Long: one row per setting, in --help's order; splitting the table would
// split what --help lists together.
const std::vector<ServeSetting>& Table() {
  static const std::vector<ServeSetting> table = {
      {"--policy", &ServeOptions::policy_path, "Policy TOML file (default: built in)"},
      {"--data", &ServeOptions::data_dir, "Directory for tact's state"},
      {"--store",
       &ServeOptions::store,
       "embedded (durable, in --data) or memory (forgotten at exit; tests, benchmarks)",
       std::nullopt,
       {"embedded", "memory"}},
      {"--state", &ServeOptions::state_url,
       "redis://[USER:PASSWORD@]HOST:PORT[,HOST:PORT...][?connect_timeout_ms=&command_timeout_ms="
       "&retry_budget_ms=&max_backoff_ms=]: keep the state on a Redis Cluster that several tact "
       "nodes share, instead of --data (the password may come from TACT_REDIS_PASSWORD; "
       "docs/operations.md)"},
      {"--redis-wait-replicas", &ServeOptions::redis_wait_replicas,
       "--state redis: opt-outs, complaints and consent are on this many replicas before the "
       "answer (WAIT; 0: on the master only)",
       Range{0, 16}},
      {"--redis-wait-ms", &ServeOptions::redis_wait_ms,
       "--state redis: the longest an answer waits for those replicas", Range{1, 60000}},
      {"--durability",
       &ServeOptions::durability,
       "sync: every acknowledged change is on disk first; group: opt-outs are, sends and other "
       "events within --group-commit-ms (docs/operations.md)",
       std::nullopt,
       {"sync", "group"}},
      {"--group-commit-ms", &ServeOptions::group_commit_ms,
       "group mode: longest time a written change waits for its fsync", Range{1, 1000}},
      {"--event-window-hours", &ServeOptions::event_window_hours,
       "An event id is applied once within this many hours", Range{1, 24 * 366 * 10}},
      {"--min-free-disk-mib", &ServeOptions::min_free_disk_mib,
       "Space kept free on --data's filesystem: below it tact refuses to start, or takes no "
       "changes until space returns (0: no reserve)",
       Range{0, kMiB}},
      {"--listen", &ServeOptions::listen, "HOST:PORT to listen on (port 0: any free)"},
      {"--tokens", &ServeOptions::tokens_path, "API tokens file (TOML; docs/api.md)"},
      {"--insecure-no-auth", &ServeOptions::insecure_no_auth,
       "Serve without tokens; loopback addresses only"},
      {"--demo", &ServeOptions::demo, "Load demo people, accounts and a week of history first"},
      {"--web", &ServeOptions::web_dir,
       "A directory with another build of the dashboard (web/dist); default: the one built into "
       "tact"},
      {"--demo-people", &ServeOptions::demo_people, "People in the demo data", Range{1, 1000000}},
      {"--threads", &ServeOptions::threads,
       "Worker threads (0: one per core; 16 per core with --state redis://...)", Range{0, 1024}},
      {"--access-log", &ServeOptions::access_log, "Access log: '-' for stdout, 'off', or a file"},
      {"--max-body-bytes", &ServeOptions::max_body_bytes, "Largest request body",
       Range{1024, 1024 * kMiB}},
      {"--max-connections", &ServeOptions::max_connections, "Open connections at most",
       Range{1, 1000000}},
      {"--max-inflight-body-mib", &ServeOptions::max_inflight_body_mib,
       "Request bodies being received at once, in all, at most (MiB)", Range{1, 1024 * 1024}},
      {"--max-batch", &ServeOptions::max_batch,
       "Touches per /v1/decide/batch and events per /v1/events at most", Range{1, 1000000}},
      {"--header-timeout", &ServeOptions::header_timeout_s, "Seconds to receive a request's header",
       Range{1, 3600}},
      {"--body-timeout", &ServeOptions::body_timeout_s,
       "Seconds to receive a body, and to send a response", Range{1, 3600}},
      {"--idle-timeout", &ServeOptions::idle_timeout_s,
       "Seconds an idle keep-alive connection stays open", Range{1, 86400}},
      {"--drain-timeout", &ServeOptions::drain_timeout_s,
       "Seconds to finish requests in flight at shutdown", Range{0, 3600}},
      {"--webhooks", &ServeOptions::webhooks_path,
       "TOML file with the providers' webhook secrets, the public URL and the unsubscribe key "
       "(docs/providers.md)"},
      {"--callbacks", &ServeOptions::callbacks_path,
       "TOML file with the tools' callbacks for held touches (docs/integrations.md)"},
      {"--facts", &ServeOptions::facts_path,
       "Accounts' facts for briefs: an SEC companyfacts .json, a facts table (.csv/.jsonl) or a "
       "directory of them, read at start-up (docs/briefs.md)"},
      {"--playbook", &ServeOptions::playbook_path,
       "The briefs' playbook TOML file (default: built in; docs/briefs.md)"},
      {"--release-every-ms", &ServeOptions::release_every_ms,
       "How often held touches that are due are decided again and called back (ms)",
       Range{10, 60000}},
      {"--held-lease-ms", &ServeOptions::held_lease_ms,
       "On a Redis Cluster: how long the due held touches a node releases stay its own should it "
       "stop meanwhile (ms)",
       Range{1000, 3'600'000}},
      {"--clock-file", &ServeOptions::clock_file,
       "For rehearsals and tests: tact's current time is the RFC 3339 time in this file, read at "
       "each use, instead of the system clock"},
      {"--print-routes", &ServeOptions::print_routes,
       "Print the routes (METHOD PATH SCOPE) and exit"},
  };
  return table;
}

absl::Status CheckOne(const ServeSetting& setting, const ServeOptions& options) {
  return std::visit(
      [&](auto field) -> absl::Status {
        const auto& value = options.*field;
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::string>) {
          if (setting.choices.empty()) return absl::OkStatus();
          for (const char* choice : setting.choices) {
            if (value == choice) return absl::OkStatus();
          }
          return absl::InvalidArgumentError(absl::StrCat(setting.flag, ": '", value,
                                                         "' is not one of ",
                                                         absl::StrJoin(setting.choices, ", ")));
        } else if constexpr (!std::is_same_v<T, bool>) {
          if (!setting.range) return absl::OkStatus();
          const auto number = static_cast<int64_t>(value);
          if (number >= setting.range->min && number <= setting.range->max) return absl::OkStatus();
          return absl::InvalidArgumentError(absl::StrCat(setting.flag, ": ", number, " is outside ",
                                                         setting.range->min, "..",
                                                         setting.range->max));
        } else {
          return absl::OkStatus();
        }
      },
      setting.field);
}

bool IsLoopback(const std::string& host) {
  boost::system::error_code error;
  const auto address = boost::asio::ip::make_address(host, error);
  return !error && address.is_loopback();
}

absl::Status CheckTogether(const ServeOptions& options) {
  const auto listen = ParseListen(options.listen);
  if (!listen) {
    return absl::InvalidArgumentError(
        absl::StrCat("--listen: '", options.listen, "' is not HOST:PORT (e.g. 127.0.0.1:8080)"));
  }
  if (!options.tokens_path.empty() && options.insecure_no_auth) {
    return absl::InvalidArgumentError("--tokens and --insecure-no-auth exclude each other");
  }
  if (options.tokens_path.empty() && !options.insecure_no_auth) {
    return absl::InvalidArgumentError(
        "give --tokens FILE (see docs/api.md), or --insecure-no-auth for a loopback demo");
  }
  if (options.insecure_no_auth && !IsLoopback(listen->host)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--insecure-no-auth is allowed on a loopback address only (127.0.0.1, ::1), "
                     "not ",
                     listen->host));
  }
  if (!options.state_url.empty() && (!options.data_dir.empty() || options.store == "memory")) {
    return absl::InvalidArgumentError(
        "--state keeps the state on a Redis Cluster: leave out --data and --store");
  }
  if (options.data_dir.empty() && options.store == "embedded" && !options.demo &&
      options.state_url.empty()) {
    return absl::InvalidArgumentError(
        "give --data DIR (where tact keeps its state), --state redis://HOST:PORT (a Redis "
        "Cluster several nodes share), --store memory, or --demo");
  }
  return absl::OkStatus();
}

}  // namespace

std::span<const ServeSetting> ServeSettings() { return Table(); }

void AddServeSettings(CLI::App& command, ServeOptions& options) {
  for (const ServeSetting& setting : Table()) {
    std::visit(
        [&](auto field) {
          auto& value = options.*field;
          if constexpr (std::is_same_v<std::decay_t<decltype(value)>, bool>) {
            command.add_flag(setting.flag, value, setting.description);
          } else {
            command.add_option(setting.flag, value, setting.description)->capture_default_str();
          }
        },
        setting.field);
  }
}

absl::Status CheckServeSettings(const ServeOptions& options) {
  for (const ServeSetting& setting : Table()) {
    if (absl::Status status = CheckOne(setting, options); !status.ok()) return status;
  }
  return CheckTogether(options);
}

std::optional<ListenAddress> ParseListen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  ListenAddress address;
  address.host = listen.substr(0, colon);
  if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']') {
    address.host = address.host.substr(1, address.host.size() - 2);
  }
  uint32_t port = 0;
  if (!absl::SimpleAtoi(listen.substr(colon + 1), &port) || port > 65535) return std::nullopt;
  address.port = static_cast<uint16_t>(port);
  return address;
}

}  // namespace tact
