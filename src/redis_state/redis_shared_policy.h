// The shared policy (ports/shared_policy.h) on a Redis Cluster: one hash,
// {tact}policy, with the fields version, text and origin. Publishing
// replaces the text and adds one to the version in one script, then waits
// for a replica as an opt-out does; nodes ask for a newer version every
// half second (cli/serve_command.cc), one round trip that carries the text
// only when it changed.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include "ports/persistence.h"
#include "ports/shared_policy.h"
#include "redis/cluster_client.h"

namespace tact {

class RedisSharedPolicy final : public SharedPolicy {
 public:
  static constexpr char kKey[] = "{tact}policy";

  // Both must outlive this.
  RedisSharedPolicy(redis::ClusterClient& client, Persistence& persistence);

  absl::StatusOr<int64_t> Publish(absl::string_view text, absl::string_view origin) override;
  absl::StatusOr<std::optional<Published>> NewerThan(int64_t version) override;

 private:
  redis::ClusterClient& client_;
  Persistence& persistence_;
  const redis::Script publish_;
  const redis::Script newer_than_;
};

}  // namespace tact
