#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/brief_sources.h"
#include "cli/commands.h"
#include "cli/policy_source.h"
#include "cli/serve_policy.h"
#include "cli/serve_settings.h"
#include "cli/serve_state.h"
#include "demo/demo_load.h"
#include "files/policy_file.h"
#include "policy/policy_loader.h"
#include "server/api.h"
#include "server/auth.h"
#include "server/held_releaser.h"
#include "server/http_server.h"
#include "server/logs.h"
#include "server/metrics.h"
#include "server/routes.h"
#include "server/service.h"
#include "server/static_files.h"
#include "server/webhook_config.h"

namespace tact {
namespace {

// How often the mirror's counts are written to the data directory.
constexpr int kMirrorSaveSeconds = 5;
// Single asks decided together at most, with state on the network
// (DecideQueue): a group waits for the one ahead of it, so this bounds how
// long an ask can wait behind others.
constexpr size_t kDecideTogether = 256;
// Server threads per core by default with state on the network.
constexpr int kThreadsPerCoreOnNetwork = 16;

// Replays the demo through the Governor, as tools and providers would.
class GovernorDemoSink : public DemoSink {
 public:
  explicit GovernorDemoSink(Governor& governor) : governor_(governor) {}
  absl::StatusOr<Decision> Decide(const Touch& touch, absl::Time now,
                                  std::string* touch_id) override {
    absl::StatusOr<DecideResult> result = governor_.Decide(*governor_.policy(), touch, now);
    if (!result.ok()) return result.status();
    if (result->decision.record) *touch_id = FormatTouchId(result->touch_id);
    return std::move(result->decision);
  }
  absl::Status Apply(std::vector<Event>& events, absl::Time now) override {
    return governor_.ApplyEvents(events, now).status();
  }
  absl::Status ChangePreferences(const std::string& person_id, const PreferenceChange& change,
                                 absl::Time now) override {
    const absl::StatusOr<PreferencesChanged> changed =
        governor_.ChangePreferences(person_id, change, now, "preference page");
    if (absl::IsInvalidArgument(changed.status()) || absl::IsFailedPrecondition(changed.status())) {
      return absl::OkStatus();  // a policy that does not offer it
    }
    return changed.status();
  }

 private:
  Governor& governor_;
};

// Where `tact serve --demo` keeps its state unless --data says otherwise.
constexpr const char* kDemoDataDir = "out/serve-demo";

void PrintTryLines(std::ostream& out, const std::string& base, const std::string& person,
                   bool authenticated) {
  out << "\ntact is serving the demo on " << base
      << (authenticated ? " (the API needs a token from --tokens: add -H 'authorization: Bearer "
                          "TOKEN' to the lines below)\n"
                        : " (no token needed: loopback demo)\n")
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

int Fail(std::ostream& err, const absl::Status& status, int code, absl::string_view flag = "") {
  err << flag << (flag.empty() ? "" : ": ") << status.message() << "\n";
  return code;
}

void PrintRoutes(std::ostream& out) {
  for (const Route& route : AllRoutes()) {
    out << route.method << " " << route.pattern << " "
        << (route.scopes.empty() ? "-" : route.scopes.Names()) << "\n";
  }
}

ServerOptions ServerOptionsOf(const ServeOptions& options, const ListenAddress& listen,
                              bool state_on_network) {
  ServerOptions server;
  server.host = listen.host;
  server.port = listen.port;
  server.threads = options.threads;
  // A thread deciding on state on the network mostly waits for it; more of
  // them keep the cores busy and let asks that arrive together share their
  // round trips (Service::DecideTogether).
  if (server.threads == 0 && state_on_network) {
    server.threads = kThreadsPerCoreOnNetwork *
                     static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  server.max_body_bytes = options.max_body_bytes;
  server.max_connections = options.max_connections;
  server.max_inflight_body_bytes = options.max_inflight_body_mib << 20;
  server.header_timeout = absl::Seconds(options.header_timeout_s);
  server.body_timeout = absl::Seconds(options.body_timeout_s);
  server.write_timeout = absl::Seconds(options.body_timeout_s);
  server.idle_timeout = absl::Seconds(options.idle_timeout_s);
  server.drain_timeout = absl::Seconds(options.drain_timeout_s);
  return server;
}

// The tokens of --tokens; none with --insecure-no-auth.
absl::StatusOr<std::optional<TokenRegistry>> LoadTokens(const ServeOptions& options) {
  if (options.tokens_path.empty()) return std::nullopt;
  auto loaded = TokenRegistry::LoadFile(options.tokens_path);
  if (!loaded.ok()) return loaded.status();
  return std::optional<TokenRegistry>(*std::move(loaded));
}

// What --facts read, and what it left out.
void LogFacts(Logs& logs, const FactsLibrary* facts) {
  if (facts == nullptr) return;
  logs.Info("facts", {{"files", static_cast<int64_t>(facts->files)},
                      {"companies", static_cast<int64_t>(facts->by_cik.size())},
                      {"accounts", static_cast<int64_t>(facts->by_account.size())},
                      {"problems", static_cast<int64_t>(facts->problems.size())}});
  for (const std::string& problem : facts->problems) logs.Warn(absl::StrCat("facts: ", problem));
}

// Loads the demo through the Governor; the person the try lines use.
// `facts`, when given, is filled with the demo accounts' facts.
absl::StatusOr<std::string> LoadDemoData(const ServeOptions& options, Governor& governor,
                                         const StatePorts& state, const std::string& data_dir,
                                         FactsLibrary* facts, Logs& logs) {
  GovernorDemoSink sink(governor);
  const std::string demo_dir = absl::StrCat(data_dir, "/demo");
  auto loaded =
      LoadDemo(options.demo_people, absl::Now(), demo_dir, state.profiles, state.histories, sink);
  if (!loaded.ok())
    return absl::InvalidArgumentError(absl::StrCat("--demo: ", loaded.status().message()));
  logs.Info("demo data loaded", {{"people", int64_t{loaded->people}},
                                 {"accounts", int64_t{loaded->accounts}},
                                 {"past_touches", int64_t{loaded->replayed}},
                                 {"sent", int64_t{loaded->sent}},
                                 {"outcomes", int64_t{loaded->events}},
                                 {"files", absl::string_view(demo_dir)}});
  if (facts != nullptr) {
    absl::StatusOr<FactsLibrary> demo_facts = LoadFacts(absl::StrCat(demo_dir, "/facts.csv"), true);
    if (!demo_facts.ok()) return demo_facts.status();
    *facts = *std::move(demo_facts);
    LogFacts(logs, facts);
  }
  return loaded->busiest_person;
}

absl::StatusOr<StaticFiles> LoadDashboard(const ServeOptions& options) {
  if (options.web_dir.empty()) return StaticFiles::Embedded();
  auto files = StaticFiles::Load(options.web_dir);
  if (!files.ok())
    return absl::InvalidArgumentError(absl::StrCat("--web: ", files.status().message()));
  return files;
}

// The state's gauges; with `shared` (a Redis state), how its counts are
// shared as well.
std::function<std::vector<Metrics::Gauge>()> StateGauges(const StatePorts& state,
                                                         const SharedCounts* shared) {
  return [state, shared] {
    const ProfileCounts profiles = state.profiles.Counts();
    std::vector<Metrics::Gauge> gauges{
        {"tact_people_profiles", "People with a profile.", static_cast<double>(profiles.people)},
        {"tact_accounts", "Accounts with a profile.", static_cast<double>(profiles.accounts)},
        {"tact_mirror_cells", "Cells the mirror keeps (day and source).",
         static_cast<double>(state.mirror.cells())},
    };
    if (state.held != nullptr) {
      const HeldCounts held = state.held->Counts();
      for (size_t i = 0; i < held.size(); ++i) {
        gauges.push_back(
            {"tact_held_touches", "Held touches (on_limit = \"hold\"), by state.",
             static_cast<double>(held[i]), false,
             absl::StrCat("state=\"", HeldStateName(static_cast<HeldState>(i)), "\"")});
      }
    }
    if (shared == nullptr) return gauges;
    const SharedCountsStats stats = shared->stats();
    const auto counter = [&](const char* name, const char* help, int64_t value) {
      gauges.push_back({name, help, static_cast<double>(value), /*counter=*/true});
    };
    counter("tact_shared_counts_writes_total", "Writes of this node's counts to the cluster.",
            stats.flushes);
    counter("tact_shared_counts_kept_total", "Writes the cluster refused, kept for the next one.",
            stats.kept_for_retry);
    counter("tact_shared_counts_dropped_total",
            "Writes of unknown outcome, dropped (counts may fall short).", stats.dropped);
    counter("tact_shared_counts_entries_read_total", "Other nodes' writes added to this node's.",
            stats.entries_read);
    return gauges;
  };
}

// Serves until SIGTERM or SIGINT (then drains), reloading the policy on
// SIGHUP and writing the mirror's changed days every few seconds. `ready`
// says the server listens once the signals are handled: a supervisor may
// stop it the moment it says so (before, the signal would end the process
// without closing its state).
void ServeUntilStopped(const ServeOptions& options, HttpServer& server, Governor& governor,
                       Logs& logs, const std::function<void()>& ready) {
  // Signals arrive on their own thread.
  boost::asio::io_context signal_io;
  boost::asio::signal_set signals(signal_io, SIGTERM, SIGINT, SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_signal =
      [&](const boost::system::error_code& error, int signal) {
        if (error) return;
        if (signal == SIGHUP) {
          ReloadPolicy(options, governor, logs);
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
  ready();

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
}

void LogListening(Logs& logs, const ServeOptions& options, const std::string& address,
                  bool authenticated) {
  if (!authenticated) {
    logs.Warn("authentication is OFF (--insecure-no-auth): any local process may call every route");
  }
  if (options.store == "memory") {
    logs.Warn(
        "state is kept in memory (--store memory): a restart forgets recorded touches, "
        "events and profiles");
  }
  const std::string policy_name =
      options.policy_path.empty() ? "built-in default" : options.policy_path;
  logs.Info("listening", {{"address", absl::string_view(address)},
                          {"policy", absl::string_view(policy_name)},
                          {"auth", absl::string_view(authenticated ? "tokens" : "off")}});
}

// Before serving: the policy kept as a version and shared (StartPolicy), then the
// demo when asked for; the person the try lines use ("" without the demo).
absl::StatusOr<std::string> JoinAndLoadDemo(const ServeOptions& options, Governor& governor,
                                            const StatePorts& ports, const std::string& data_dir,
                                            FactsLibrary* demo_facts, Logs& logs) {
  if (absl::Status joined = StartPolicy(options, governor, logs); !joined.ok()) {
    return absl::Status(joined.code(), absl::StrCat("the policy: ", joined.message()));
  }
  if (!options.demo) return std::string();
  return LoadDemoData(options, governor, ports, data_dir, demo_facts, logs);
}

// Held touches are let go while serving, also those held before a restart;
// null when the state holds none.
std::unique_ptr<HeldReleaser> StartReleaser(const ServeOptions& options, Governor& governor,
                                            const Service& service, Metrics& metrics, Logs& logs) {
  if (!governor.holds_touches()) return nullptr;
  return std::make_unique<HeldReleaser>(
      governor, service.callbacks(), metrics, logs,
      HeldReleaserOptions{absl::Milliseconds(options.release_every_ms)});
}

// "host:port", with an IPv6 host in brackets.
std::string HostAndPort(const std::string& host, int port) {
  return absl::StrCat(host.find(':') != std::string::npos ? absl::StrCat("[", host, "]") : host,
                      ":", port);
}

}  // namespace

// Long: the composition root; each part is made in order from the flags and
// handed to the next, so the order of start-up reads top to bottom.
int RunServe(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  if (options.print_routes) {
    PrintRoutes(out);
    return kExitOk;
  }
  if (absl::Status checked = CheckServeSettings(options); !checked.ok()) {
    return Fail(err, checked, kExitUsage);
  }
  auto tokens = LoadTokens(options);
  if (!tokens.ok()) return Fail(err, tokens.status(), kExitBadInput);
  auto policy = LoadPolicyOrDefault(options.policy_path);
  if (!policy.ok()) return Fail(err, policy.status(), kExitBadInput);
  auto logs_or = Logs::Open(options.access_log);
  if (!logs_or.ok()) return Fail(err, logs_or.status(), kExitUsage);
  Logs& logs = **logs_or;
  const std::string data_dir = options.data_dir.empty() ? kDemoDataDir : options.data_dir;
  auto shared_policy = std::make_shared<const Policy>(*std::move(policy));
  auto state = OpenServeState(options, *shared_policy, data_dir, logs);
  if (!state.ok()) {
    return Fail(err, state.status(),
                absl::IsFailedPrecondition(state.status()) ? kExitUsage : kExitBadInput);
  }
  auto facts = LoadFactsOrNone(options.facts_path, /*strict=*/false);
  if (!facts.ok()) return Fail(err, facts.status(), kExitBadInput);
  // Without --facts, the demo brings its accounts' facts (filled in below).
  FactsLibrary* demo_facts = nullptr;
  if (*facts == nullptr && options.demo) {
    *facts = std::make_unique<FactsLibrary>();
    demo_facts = facts->get();
  }
  auto playbook = LoadPlaybookOrDefault(options.playbook_path);
  if (!playbook.ok()) return Fail(err, playbook.status(), kExitBadInput);
  StatePorts ports = state->ports();
  ports.account_facts = facts->get();
  auto webhooks = LoadWebhooks(options, *state);
  if (!webhooks.ok()) return Fail(err, webhooks.status(), kExitBadInput);
  auto callbacks = LoadCallbacks(options);
  auto clock = callbacks.ok() ? ServeClock(options) : callbacks.status();
  if (!clock.ok()) return Fail(err, clock.status(), kExitBadInput);
  Metrics metrics;
  Governor governor(shared_policy, ports, metrics, *std::move(clock),
                    UnsubscribeLinks{webhooks->unsubscribe_key, webhooks->public_url});
  governor.UsePlaybook(*std::move(playbook));
  if (demo_facts == nullptr) LogFacts(logs, facts->get());
  Service service(governor, metrics, ServiceLimits{options.max_batch, options.max_batch},
                  *std::move(webhooks), FilesBeside(options.policy_path));
  service.SetCallbacks(*std::move(callbacks));
  // On the network, asks that arrive together share their round trips.
  if (state->redis) service.DecideTogether(kDecideTogether);
  auto demo_person = JoinAndLoadDemo(options, governor, ports, data_dir, demo_facts, logs);
  if (!demo_person.ok()) return Fail(err, demo_person.status(), kExitBadInput);
  auto dashboard = LoadDashboard(options);
  if (!dashboard.ok()) return Fail(err, dashboard.status(), kExitBadInput);
  Api api(service, metrics, *tokens ? &**tokens : nullptr,
          StateGauges(ports, state->redis ? &state->redis->counts : nullptr), &*dashboard);
  const ListenAddress listen = *ParseListen(options.listen);  // checked by CheckServeSettings
  HttpServer server(ServerOptionsOf(options, listen, state->redis != nullptr), api, logs);
  if (absl::Status listening = server.Listen(); !listening.ok()) {
    return Fail(err, listening, kExitUsage);
  }
  const std::string address = HostAndPort(listen.host, server.port());
  service.SetDefaultPublicUrl(absl::StrCat("http://", address));
  if (state->embedded) state->embedded->lock.Describe(address);
  {
    PolicyFollower follower(options, governor, logs);
    const std::unique_ptr<HeldReleaser> releaser =
        StartReleaser(options, governor, service, metrics, logs);
    ServeUntilStopped(options, server, governor, logs, [&] {
      LogListening(logs, options, address, tokens->has_value());
      if (options.demo) {
        PrintTryLines(out, absl::StrCat("http://", address), *demo_person, tokens->has_value());
      }
    });
  }
  logs.Info("stopped");
  logs.Flush();
  return kExitOk;
}

}  // namespace tact
