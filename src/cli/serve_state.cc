#include "cli/serve_state.h"

#include <atomic>
#include <cstdlib>
#include <random>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "core/minutes.h"
#include "files/read_file.h"
#include "store/journal.h"

namespace tact {
namespace {

JournalOptions JournalOptionsOf(const ServeOptions& options, Logs& logs) {
  JournalOptions journal;
  journal.durability = *ParseDurability(options.durability);  // checked by CheckServeSettings
  journal.group_commit = absl::Milliseconds(options.group_commit_ms);
  journal.event_window = absl::Hours(options.event_window_hours);
  journal.min_free_bytes = uint64_t(options.min_free_disk_mib) << 20;
  journal.warn = [&logs](absl::string_view line) { logs.Warn("storage", {{"rocksdb", line}}); };
  return journal;
}

absl::StatusOr<ServeState> OpenRedis(const ServeOptions& options, Logs& logs) {
  auto cluster = ClusterOptionsOf(options.state_url);
  if (!cluster.ok()) return cluster.status();
  RedisStateOptions redis;
  redis.cluster = *cluster;
  redis.event_window = absl::Hours(options.event_window_hours);
  redis.wait_replicas = options.redis_wait_replicas;
  redis.wait_timeout = absl::Milliseconds(options.redis_wait_ms);
  redis.held_lease = absl::Milliseconds(options.held_lease_ms);
  auto opened = RedisState::Open(std::move(redis));
  if (!opened.ok()) {
    return absl::Status(opened.status().code(),
                        absl::StrCat("--state: ", opened.status().message()));
  }
  ServeState state;
  state.redis = *std::move(opened);
  logs.Info("state on a Redis Cluster",
            {{"state", absl::string_view(redis::RedactedUrl(*cluster))},
             {"masters", int64_t(state.redis->client().slot_map()->masters().size())},
             {"wait_replicas", int64_t{options.redis_wait_replicas}}});
  for (const std::string& advice : state.redis->advice()) {
    logs.Warn("redis configuration", {{"advice", absl::string_view(advice)}});
  }
  return state;
}

}  // namespace

absl::StatusOr<redis::ClusterOptions> ClusterOptionsOf(const std::string& url) {
  auto cluster = redis::ParseClusterUrl(url);
  if (!cluster.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--state: ", cluster.status().message()));
  }
  if (cluster->password.empty()) {
    if (const char* password = std::getenv("TACT_REDIS_PASSWORD"); password != nullptr) {
      cluster->password = password;
    }
  }
  return cluster;
}

absl::StatusOr<ServeState> OpenServeState(const ServeOptions& options, const Policy& policy,
                                          const std::string& data_dir, Logs& logs) {
  ServeState state;
  if (!options.state_url.empty()) return OpenRedis(options, logs);
  if (options.store == "memory") {
    state.memory = std::make_unique<MemoryState>();
    return state;
  }
  const absl::Time load_start = absl::Now();
  // The default demo directory starts afresh each time.
  auto opened = EmbeddedState::Open(data_dir, JournalOptionsOf(options, logs), policy,
                                    /*start_empty=*/options.demo && options.data_dir.empty());
  if (!opened.ok()) return opened.status();
  state.embedded = *std::move(opened);
  const JournalContents& loaded = state.embedded->contents();
  if (options.demo && (loaded.people > 0 || loaded.histories > 0)) {
    return absl::FailedPreconditionError(
        absl::StrCat("--demo loads demo data into an empty data directory; ", data_dir,
                     " already holds state (leave out --data to use a fresh demo directory)"));
  }
  logs.Info("state loaded", {{"data", absl::string_view(data_dir)},
                             {"people", int64_t(loaded.people)},
                             {"accounts", int64_t(loaded.accounts)},
                             {"histories", int64_t(loaded.histories)},
                             {"touches", int64_t(loaded.touches)},
                             {"durability", absl::string_view(options.durability)},
                             {"seconds", absl::ToDoubleSeconds(absl::Now() - load_start)}});
  return state;
}

absl::StatusOr<WebhookConfig> LoadWebhooks(const ServeOptions& options, ServeState& state) {
  WebhookConfig webhooks;
  if (!options.webhooks_path.empty()) {
    auto loaded = WebhookConfig::LoadFile(options.webhooks_path);
    if (!loaded.ok())
      return absl::InvalidArgumentError(absl::StrCat("--webhooks: ", loaded.status().message()));
    webhooks = *std::move(loaded);
  }
  if (!webhooks.unsubscribe_key.empty()) return webhooks;
  if (state.embedded || state.redis) {
    auto secret = state.embedded ? state.embedded->journal->GetOrCreateSecret("unsubscribe")
                                 : state.redis->GetOrCreateSecret("unsubscribe");
    if (!secret.ok()) return secret.status();
    webhooks.unsubscribe_key = *std::move(secret);
    return webhooks;
  }
  std::random_device random;
  webhooks.unsubscribe_key.resize(32);
  for (char& byte : webhooks.unsubscribe_key) byte = static_cast<char>(random());
  return webhooks;
}

absl::StatusOr<CallbackConfig> LoadCallbacks(const ServeOptions& options) {
  if (options.callbacks_path.empty()) return CallbackConfig{};
  auto loaded = CallbackConfig::LoadFile(options.callbacks_path);
  if (!loaded.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("--callbacks: ", loaded.status().message()));
  }
  return loaded;
}

namespace {

std::optional<absl::Time> ReadClockFile(const std::string& path) {
  const std::optional<std::string> text = ReadWholeFile(path);
  if (!text) return std::nullopt;
  absl::StatusOr<absl::Time> time = ParseUtc(absl::StripAsciiWhitespace(*text));
  if (!time.ok()) return std::nullopt;
  return *time;
}

}  // namespace

absl::StatusOr<std::function<absl::Time()>> ServeClock(const ServeOptions& options) {
  if (options.clock_file.empty()) return std::function<absl::Time()>([] { return absl::Now(); });
  const std::optional<absl::Time> start = ReadClockFile(options.clock_file);
  if (!start) {
    return absl::InvalidArgumentError(
        absl::StrCat("--clock-file ", options.clock_file,
                     ": must hold one RFC 3339 time, e.g. 2026-12-03T09:00:00Z"));
  }
  // A file being rewritten may be read empty: the last time read stands.
  auto last = std::make_shared<std::atomic<int64_t>>(absl::ToUnixMicros(*start));
  return std::function<absl::Time()>([path = options.clock_file, last] {
    if (const std::optional<absl::Time> time = ReadClockFile(path)) {
      last->store(absl::ToUnixMicros(*time));
      return *time;
    }
    return absl::FromUnixMicros(last->load());
  });
}

}  // namespace tact
