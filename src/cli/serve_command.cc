#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <mutex>
#include <optional>
#include <ostream>
#include <random>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/commands.h"
#include "cli/policy_source.h"
#include "demo/demo_load.h"
#include "policy/policy_loader.h"
#include "server/api.h"
#include "server/auth.h"
#include "server/http_server.h"
#include "server/logs.h"
#include "server/metrics.h"
#include "server/routes.h"
#include "server/service.h"
#include "server/static_files.h"
#include "server/webhook_config.h"
#include "store/data_dir.h"
#include "store/embedded_state.h"
#include "store/memory_state.h"

namespace tact {
namespace {

// How often the mirror's counts are written to the data directory.
constexpr int kMirrorSaveSeconds = 5;

// Replays the demo through the Governor, as tools and providers would.
class GovernorDemoSink : public DemoSink {
 public:
  explicit GovernorDemoSink(Governor& governor) : governor_(governor) {}
  Decision Decide(const Touch& touch, absl::Time now, std::string* touch_id) override {
    const DecideResult result = governor_.Decide(*governor_.policy(), touch, now);
    if (result.decision.record) *touch_id = FormatTouchId(result.touch_id);
    return result.decision;
  }
  void Apply(std::vector<Event>& events, absl::Time now) override {
    governor_.ApplyEvents(events, now);
  }

 private:
  Governor& governor_;
};

// Where `tact serve --demo` keeps its state unless --data says otherwise.
constexpr const char* kDemoDataDir = "out/serve-demo";

// "127.0.0.1:8080" or "[::1]:8080" -> host, port.
bool SplitListen(const std::string& listen, std::string* host, uint16_t* port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  *host = listen.substr(0, colon);
  if (host->size() > 2 && host->front() == '[' && host->back() == ']')
    *host = host->substr(1, host->size() - 2);
  uint32_t value = 0;
  if (!absl::SimpleAtoi(listen.substr(colon + 1), &value) || value > 65535) return false;
  *port = static_cast<uint16_t>(value);
  return true;
}

bool IsLoopback(const std::string& host) {
  boost::system::error_code error;
  const auto address = boost::asio::ip::make_address(host, error);
  return !error && address.is_loopback();
}

void PrintTryLines(std::ostream& out, const std::string& base, const std::string& person) {
  out << "\ntact is serving the demo on " << base << " (no token needed: loopback demo)\n"
      << "The dashboard: " << base << "/\n"
      << "Try:\n"
      << "  curl -s " << base << "/v1/people/" << person << "/why\n"
      << "  curl -s -X POST " << base << "/v1/decide -H 'content-type: application/json' \\\n"
      << "       -d '{\"person_id\": \"" << person
      << "\", \"channel\": \"email\", \"kind\": \"promotional\", \"campaign\": \"try-it\"}'\n"
      << "  curl -s -X POST " << base << "/v1/events -H 'content-type: application/json' \\\n"
      << "       -d '[{\"id\": \"evt-1\", \"type\": \"unsubscribed\", \"person_id\": \"" << person
      << "\", \"channel\": \"email\"}]'\n"
      << "  curl -s " << base << "/metrics\n"
      << "Stop with Ctrl-C.\n\n"
      << std::flush;
}

}  // namespace

int RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  if (options.print_routes) {
    for (const Route& route : AllRoutes()) {
      out << route.method << " " << route.pattern << " "
          << (route.scope == TokenScope::kNone ? "-" : ScopeName(route.scope)) << "\n";
    }
    return kExitOk;
  }
  ServerOptions server_options;
  if (!SplitListen(options.listen, &server_options.host, &server_options.port)) {
    err << "--listen: '" << options.listen << "' is not HOST:PORT (e.g. 127.0.0.1:8080)\n";
    return kExitUsage;
  }
  std::optional<TokenRegistry> tokens;
  if (!options.tokens_path.empty()) {
    if (options.insecure_no_auth) {
      err << "--tokens and --insecure-no-auth exclude each other\n";
      return kExitUsage;
    }
    auto loaded = TokenRegistry::LoadFile(options.tokens_path);
    if (!loaded.ok()) {
      err << loaded.status().message() << "\n";
      return kExitBadInput;
    }
    tokens = *std::move(loaded);
  } else if (!options.insecure_no_auth) {
    err << "give --tokens FILE (see docs/api.md), or --insecure-no-auth for a loopback demo\n";
    return kExitUsage;
  } else if (!IsLoopback(server_options.host)) {
    err << "--insecure-no-auth is allowed on a loopback address only (127.0.0.1, ::1), not "
        << server_options.host << "\n";
    return kExitUsage;
  }
  const bool embedded = options.store == "embedded";
  if (!embedded && options.store != "memory") {
    err << "--store: '" << options.store << "' is not a store; use embedded or memory\n";
    return kExitUsage;
  }
  const auto durability = ParseDurability(options.durability);
  if (!durability) {
    err << "--durability: '" << options.durability << "' is not a mode; use sync or group\n";
    return kExitUsage;
  }
  if (options.group_commit_ms < 1 || options.group_commit_ms > 1000) {
    err << "--group-commit-ms: " << options.group_commit_ms << " is outside 1..1000\n";
    return kExitUsage;
  }
  if (options.min_free_disk_mib < 0) {
    err << "--min-free-disk-mib: must be 0 or more\n";
    return kExitUsage;
  }
  if (options.event_window_hours < 1) {
    err << "--event-window-hours: must be at least 1\n";
    return kExitUsage;
  }
  if (options.data_dir.empty() && embedded && !options.demo) {
    err << "give --data DIR (where tact keeps its state), --store memory, or --demo\n";
    return kExitUsage;
  }
  auto policy = LoadPolicyOrDefault(options.policy_path);
  if (!policy.ok()) {
    err << policy.status().message() << "\n";
    return kExitBadInput;
  }
  auto logs_or = Logs::Open(options.access_log);
  if (!logs_or.ok()) {
    err << logs_or.status().message() << "\n";
    return kExitUsage;
  }
  Logs& logs = **logs_or;
  const std::string data_dir = options.data_dir.empty() ? kDemoDataDir : options.data_dir;

  server_options.threads = options.threads;
  server_options.max_body_bytes = options.max_body_bytes;
  server_options.max_connections = options.max_connections;
  server_options.max_inflight_body_bytes = options.max_inflight_body_mib << 20;
  server_options.header_timeout = absl::Seconds(options.header_timeout_s);
  server_options.body_timeout = absl::Seconds(options.body_timeout_s);
  server_options.write_timeout = absl::Seconds(options.body_timeout_s);
  server_options.idle_timeout = absl::Seconds(options.idle_timeout_s);
  server_options.drain_timeout = absl::Seconds(options.drain_timeout_s);

  Metrics metrics;
  const std::string policy_name =
      options.policy_path.empty() ? "built-in default" : options.policy_path;
  auto shared_policy = std::make_shared<const Policy>(*std::move(policy));

  // The state: in memory, or the embedded store loaded from the data directory.
  std::unique_ptr<EmbeddedState> embedded_state;
  std::unique_ptr<MemoryState> memory_state;
  if (embedded) {
    JournalOptions journal_options;
    journal_options.durability = *durability;
    journal_options.group_commit = absl::Milliseconds(options.group_commit_ms);
    journal_options.event_window = absl::Hours(options.event_window_hours);
    journal_options.min_free_bytes = uint64_t(options.min_free_disk_mib) << 20;
    journal_options.warn = [&logs](absl::string_view line) {
      logs.Warn("storage", {{"rocksdb", line}});
    };
    const absl::Time load_start = absl::Now();
    // The default demo directory starts afresh each time.
    auto opened = EmbeddedState::Open(data_dir, journal_options, *shared_policy,
                                      /*start_empty=*/options.demo && options.data_dir.empty());
    if (!opened.ok()) {
      err << opened.status().message() << "\n";
      return kExitBadInput;
    }
    embedded_state = *std::move(opened);
    const JournalContents& loaded = embedded_state->contents();
    if (options.demo && (loaded.people > 0 || loaded.histories > 0)) {
      err << "--demo loads demo data into an empty data directory; " << data_dir
          << " already holds state (leave out --data to use a fresh demo directory)\n";
      return kExitUsage;
    }
    logs.Info("state loaded", {{"data", absl::string_view(data_dir)},
                               {"people", int64_t(loaded.people)},
                               {"accounts", int64_t(loaded.accounts)},
                               {"histories", int64_t(loaded.histories)},
                               {"touches", int64_t(loaded.touches)},
                               {"durability", DurabilityName(*durability)},
                               {"seconds", absl::ToDoubleSeconds(absl::Now() - load_start)}});
  } else {
    memory_state = std::make_unique<MemoryState>();
  }
  const StatePorts state = embedded_state ? embedded_state->ports() : memory_state->ports();

  WebhookConfig webhooks;
  if (!options.webhooks_path.empty()) {
    auto loaded = WebhookConfig::LoadFile(options.webhooks_path);
    if (!loaded.ok()) {
      err << "--webhooks: " << loaded.status().message() << "\n";
      return kExitBadInput;
    }
    webhooks = *std::move(loaded);
  }
  if (webhooks.unsubscribe_key.empty()) {
    // Kept with the state, so links in sent mail work after restarts and
    // restores; in memory a restart invalidates them.
    if (embedded_state) {
      auto secret = embedded_state->journal->GetOrCreateSecret("unsubscribe");
      if (!secret.ok()) {
        err << secret.status().message() << "\n";
        return kExitBadInput;
      }
      webhooks.unsubscribe_key = *std::move(secret);
    } else {
      std::random_device random;
      webhooks.unsubscribe_key.resize(32);
      for (char& byte : webhooks.unsubscribe_key) byte = static_cast<char>(random());
    }
  }
  ServiceLimits limits;
  limits.max_batch_touches = options.max_batch;
  limits.max_batch_events = options.max_batch;
  Governor governor(
      shared_policy, state, metrics, [] { return absl::Now(); },
      UnsubscribeLinks{webhooks.unsubscribe_key, webhooks.public_url});
  Service service(governor, metrics, limits, std::move(webhooks));
  std::string demo_person;
  if (options.demo) {
    GovernorDemoSink sink(governor);
    const std::string demo_dir = absl::StrCat(data_dir, "/demo");
    auto loaded = LoadDemo(*shared_policy, options.demo_people, absl::Now(), demo_dir,
                           state.profiles, state.histories, &sink);
    if (!loaded.ok()) {
      err << "--demo: " << loaded.status().message() << "\n";
      return kExitBadInput;
    }
    demo_person = loaded->busiest_person;
    logs.Info("demo data loaded", {{"people", int64_t{loaded->people}},
                                   {"accounts", int64_t{loaded->accounts}},
                                   {"past_touches", int64_t{loaded->replayed}},
                                   {"sent", int64_t{loaded->sent}},
                                   {"outcomes", int64_t{loaded->events}},
                                   {"files", absl::string_view(demo_dir)}});
  }
  std::optional<StaticFiles> dashboard;
  if (options.web_dir.empty()) {
    dashboard = StaticFiles::Embedded();
  } else if (auto files = StaticFiles::Load(options.web_dir); files.ok()) {
    dashboard = *std::move(files);
  } else {
    err << "--web: " << files.status().message() << "\n";
    return kExitBadInput;
  }
  Api api(
      service, metrics, tokens ? &*tokens : nullptr,
      [&] {
        const ProfileCounts profiles = state.profiles.Counts();
        return std::vector<Metrics::Gauge>{
            {"tact_people_profiles", "People with a profile.",
             static_cast<double>(profiles.people)},
            {"tact_accounts", "Accounts with a profile.", static_cast<double>(profiles.accounts)},
            {"tact_mirror_cells", "Cells the mirror keeps (day and source).",
             static_cast<double>(state.mirror.cells())},
        };
      },
      dashboard ? &*dashboard : nullptr);
  HttpServer server(server_options, api, logs);
  if (absl::Status listening = server.Listen(); !listening.ok()) {
    err << listening.message() << "\n";
    return kExitUsage;
  }
  if (!tokens) {
    logs.Warn("authentication is OFF (--insecure-no-auth): any local process may call every route");
  }
  if (!embedded) {
    logs.Warn(
        "state is kept in memory (--store memory): a restart forgets recorded touches, "
        "events and profiles");
  }
  const std::string address = absl::StrCat(server_options.host.find(':') != std::string::npos
                                               ? absl::StrCat("[", server_options.host, "]")
                                               : server_options.host,
                                           ":", server.port());
  service.SetDefaultPublicUrl(absl::StrCat("http://", address));
  logs.Info("listening", {{"address", absl::string_view(address)},
                          {"policy", absl::string_view(policy_name)},
                          {"auth", !tokens.has_value() ? absl::string_view("off")
                                                       : absl::string_view("tokens")}});
  if (embedded_state) embedded_state->lock.Describe(address);
  if (options.demo) PrintTryLines(out, absl::StrCat("http://", address), demo_person);

  // Signals arrive on their own thread: TERM/INT drain and stop, HUP reloads.
  boost::asio::io_context signal_io;
  boost::asio::signal_set signals(signal_io, SIGTERM, SIGINT, SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_signal =
      [&](const boost::system::error_code& error, int signal) {
        if (error) return;
        if (signal == SIGHUP) {
          if (options.policy_path.empty()) {
            logs.Warn("SIGHUP: no --policy file to reload; the built-in policy stays");
          } else if (absl::Status status =
                         governor.ReplacePolicy(LoadPolicyFile(options.policy_path));
                     status.ok()) {
            logs.Info("policy reloaded", {{"policy", absl::string_view(options.policy_path)}});
          } else {
            logs.Error("policy refused; the previous one stays",
                       {{"policy", absl::string_view(options.policy_path)},
                        {"problems", absl::string_view(status.message())}});
          }
          signals.async_wait(on_signal);
          return;
        }
        logs.Info("shutting down: finishing requests in flight",
                  {{"signal", int64_t{signal}},
                   {"open_connections", int64_t(server.open_connections())}});
        server.Shutdown();
      };
  signals.async_wait(on_signal);
  std::thread signal_thread([&] { signal_io.run(); });

  // The mirror's changed days go to the journal every few seconds.
  std::mutex saver_mutex;
  std::condition_variable saver_wake;
  bool stopping = false;
  std::thread saver([&] {
    std::unique_lock<std::mutex> lock(saver_mutex);
    while (!saver_wake.wait_for(lock, std::chrono::seconds(kMirrorSaveSeconds),
                                [&] { return stopping; })) {
      governor.SaveMirror();
    }
  });

  server.Run();

  {
    std::lock_guard<std::mutex> lock(saver_mutex);
    stopping = true;
  }
  saver_wake.notify_all();
  saver.join();
  governor.SaveMirror();
  signal_io.stop();
  signal_thread.join();
  logs.Info("stopped");
  logs.Flush();
  return kExitOk;
}

}  // namespace tact
