// The state of several tact nodes sharing one Redis Cluster (`tact serve
// --state redis://…`): each port's Redis implementation, over one cluster
// client.
//
// Shared through the cluster, per person in their slot: histories, profiles
// (and the address index), the touch ledger and seen event ids. Kept per
// node for now: reputation, template and mirror counts and the held-back
// sample (each node counts what it decided; see docs/operations.md).
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "ports/state.h"
#include "redis/cluster_client.h"
#include "redis_state/person_records.h"
#include "redis_state/redis_event_ids.h"
#include "redis_state/redis_persistence.h"
#include "redis_state/redis_profiles.h"
#include "redis_state/redis_store.h"
#include "redis_state/redis_touch_ledger.h"
#include "store/held_back_sample.h"
#include "store/local_mirror.h"
#include "store/reputation.h"
#include "store/template_counter.h"

namespace tact {

struct RedisStateOptions {
  redis::ClusterOptions cluster;
  absl::Duration event_window = absl::Hours(24 * 7);  // an event id is applied once within this
  // Opt-outs, complaints and consent wait for this many replicas (0: none),
  // at most wait_timeout (below the cluster's command timeout).
  int wait_replicas = 1;
  absl::Duration wait_timeout = absl::Milliseconds(500);
  PersonRecords::Options records;
};

class RedisState {
 public:
  // Connects to the cluster (ClusterClient::Connect's errors).
  static absl::StatusOr<std::unique_ptr<RedisState>> Open(RedisStateOptions options);

  RedisState(const RedisState&) = delete;
  RedisState& operator=(const RedisState&) = delete;

  StatePorts ports() {
    return {histories, profiles, ledger,    event_ids,  reputation,
            templates, mirror,   held_back, persistence};
  }
  redis::ClusterClient& client() { return *client_; }

  // A secret every node shares (the key that signs unsubscribe links):
  // created by the first node that asks, read by the rest.
  absl::StatusOr<std::string> GetOrCreateSecret(const std::string& name);

 private:
  RedisState(std::unique_ptr<redis::ClusterClient> client, const RedisStateOptions& options);

  std::unique_ptr<redis::ClusterClient> client_;

 public:
  PersonRecords records;
  RedisStore histories;
  RedisProfiles profiles;
  RedisTouchLedger ledger;
  RedisEventIds event_ids;
  ReputationTracker reputation;
  TemplateCounter templates;
  LocalMirror mirror;
  HeldBackSample held_back;
  RedisPersistence persistence;
};

}  // namespace tact
