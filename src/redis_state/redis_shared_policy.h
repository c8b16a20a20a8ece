// The shared policy (ports/shared_policy.h) and its versions
// (ports/policy_versions.h) on a Redis Cluster: one hash, {tact}policy,
// with the fields version, text and origin, and one hash of every version,
// {tact}policy-versions (field: the number; value:
// store/policy_version_codec.h). Adding a version writes both in one script
// that runs only while the version it read is still current (else it reads
// again), then waits for a replica as an opt-out does; nodes ask for a newer
// version every half second (cli/serve_policy.cc), one round trip that
// carries the text only when it changed.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include "ports/persistence.h"
#include "ports/policy_versions.h"
#include "ports/shared_policy.h"
#include "redis/cluster_client.h"

namespace tact {

class RedisSharedPolicy final : public SharedPolicy, public PolicyVersions {
 public:
  static constexpr char kKey[] = "{tact}policy";
  static constexpr char kVersionsKey[] = "{tact}policy-versions";

  // Both must outlive this.
  RedisSharedPolicy(redis::ClusterClient& client, Persistence& persistence);

  absl::StatusOr<std::optional<Published>> NewerThan(int64_t version) override;

  absl::StatusOr<int64_t> Add(const PolicyVersion& record) override;
  absl::StatusOr<std::vector<PolicyVersion>> List(size_t limit, int64_t before) const override;

 private:
  absl::StatusOr<int64_t> CurrentVersion() const;

  redis::ClusterClient& client_;
  Persistence& persistence_;
  const redis::Script add_;
  const redis::Script newer_than_;
};

}  // namespace tact
