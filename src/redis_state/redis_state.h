// The state of several tact nodes sharing one Redis Cluster (`tact serve
// --state redis://…`): each port's Redis implementation, over one cluster
// client.
//
// Shared through the cluster, per person in their slot: histories, profiles
// (and the address index), the touch ledger and seen event ids; in a slot
// of their own, the touches held for tools. Counted by
// each node and shared every flush interval (redis_state/shared_counts.h):
// reputation, template and mirror counts. Kept per node: the held-back
// sample (see docs/operations.md).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "ports/state.h"
#include "redis/cluster_client.h"
#include "redis_state/person_records.h"
#include "redis_state/redis_check_answers.h"
#include "redis_state/redis_event_ids.h"
#include "redis_state/redis_held_touches.h"
#include "redis_state/redis_hypotheses.h"
#include "redis_state/redis_persistence.h"
#include "redis_state/redis_profiles.h"
#include "redis_state/redis_shared_policy.h"
#include "redis_state/redis_store.h"
#include "redis_state/redis_touch_ledger.h"
#include "redis_state/shared_counts.h"
#include "store/held_back_sample.h"

namespace tact {

struct RedisStateOptions {
  redis::ClusterOptions cluster;
  absl::Duration event_window = absl::Hours(24 * 7);  // an event id is applied once within this
  // Opt-outs, complaints and consent wait for this many replicas (0: none),
  // at most wait_timeout (RedisPersistence asks in steps within the command timeout).
  int wait_replicas = 1;
  absl::Duration wait_timeout = absl::Milliseconds(1200);
  // How long the due held touches a node releases stay its own should it
  // stop meanwhile (redis_state/redis_held_touches.h).
  absl::Duration held_lease = absl::Minutes(5);
  PersonRecords::Options records;
  SharedCounts::Options counts;
};

class RedisState {
 public:
  // Connects to the cluster, checks the state's format and reads the shared
  // counts (the cluster's errors; FailedPrecondition for another format).
  static absl::StatusOr<std::unique_ptr<RedisState>> Open(RedisStateOptions options);

  RedisState(const RedisState&) = delete;
  RedisState& operator=(const RedisState&) = delete;

  StatePorts ports() {
    return {histories,
            profiles,
            ledger,
            event_ids,
            counts.reputation(),
            counts.templates(),
            counts.mirror(),
            held_back,
            persistence,
            hypotheses,
            &policy,
            &check_answers,
            &held,
            &policy};
  }
  redis::ClusterClient& client() { return *client_; }

  // What the operator should change in the cluster's configuration, found
  // at Open, one sentence each (none when all is well).
  const std::vector<std::string>& advice() const { return advice_; }
  // The hash-max-listpack-value below which advice() speaks up.
  static constexpr int64_t kAdvisedListpackValue = 512;

  // A secret every node shares (the key that signs unsubscribe links):
  // created by the first node that asks, read by the rest. `proposed`, when
  // given, is the one created (a secret moved here from elsewhere).
  absl::StatusOr<std::string> GetOrCreateSecret(const std::string& name,
                                                std::optional<std::string> proposed = {});

 private:
  RedisState(std::unique_ptr<redis::ClusterClient> client, const RedisStateOptions& options);
  // Stamps an empty cluster with redis_format::kFormat; FailedPrecondition
  // for a cluster of another format.
  absl::Status CheckFormat();
  std::vector<std::string> ReadAdvice();

  std::unique_ptr<redis::ClusterClient> client_;
  std::vector<std::string> advice_;

 public:
  PersonRecords records;
  RedisStore histories;
  RedisProfiles profiles;
  RedisTouchLedger ledger;
  RedisEventIds event_ids;
  SharedCounts counts;
  HeldBackSample held_back;
  RedisPersistence persistence;
  RedisSharedPolicy policy;
  RedisCheckAnswers check_answers;
  RedisHeldTouches held;
  RedisHypotheses hypotheses;
};

}  // namespace tact
