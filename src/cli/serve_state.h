// The state `tact serve` runs on, chosen once at start-up from its flags:
// in memory (--store memory), embedded in a data directory (--data, the
// default), or on a Redis Cluster several nodes share (--state redis://…).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "cli/commands.h"
#include "policy/policy.h"
#include "ports/state.h"
#include "redis_state/redis_state.h"
#include "server/callback_config.h"
#include "server/logs.h"
#include "server/webhook_config.h"
#include "store/embedded_state.h"
#include "store/memory_state.h"

namespace tact {

// One of the three is set.
struct ServeState {
  std::unique_ptr<EmbeddedState> embedded;
  std::unique_ptr<MemoryState> memory;
  std::unique_ptr<RedisState> redis;
  StatePorts ports() const {
    return embedded ? embedded->ports() : redis ? redis->ports() : memory->ports();
  }
};

// Errors: the state's (exit "bad input"), or FailedPrecondition when --demo
// meets a directory that already holds state (exit "usage").
absl::StatusOr<ServeState> OpenServeState(const ServeOptions& options, const Policy& policy,
                                          const std::string& data_dir, Logs& logs);

// --state's redis:// URL, with the password from TACT_REDIS_PASSWORD when
// the URL has none. InvalidArgument naming --state and the part that is wrong.
absl::StatusOr<redis::ClusterOptions> ClusterOptionsOf(const std::string& url);

// The webhook settings, with the key that signs unsubscribe links: from
// --webhooks, else kept with the state (so links in sent mail work after
// restarts and restores, and on every node), else random (a restart
// invalidates them).
absl::StatusOr<WebhookConfig> LoadWebhooks(const ServeOptions& options, ServeState& state);

// The tools' callbacks for held touches (--callbacks), or none.
// InvalidArgument naming --callbacks and every mistake.
absl::StatusOr<CallbackConfig> LoadCallbacks(const ServeOptions& options);

// tact's clock: the system's, or with --clock-file (rehearsals and tests)
// the RFC 3339 time written in that file, read at each use. InvalidArgument
// when the file does not hold one at start.
absl::StatusOr<std::function<absl::Time()>> ServeClock(const ServeOptions& options);

}  // namespace tact
