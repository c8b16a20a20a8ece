// Seen event ids (ports/event_ids.h) on a Redis Cluster, in the slot of the
// event's person (redis_state/redis_format.h). ApplyOnce claims the id with
// a lease ("applying", kLease) before it runs the effect and marks it
// "done" for the event window after: of two nodes given one event, one
// applies it and the other answers Unavailable while the lease lasts, so
// its caller retries and then sees a duplicate. A node that dies holding a
// lease leaves the id to whoever asks after the lease ends; an effect that
// fails gives the lease back.
//
// Thread safety: every method may be called from any thread; the client
// must outlive this object.
#pragma once

#include "absl/time/time.h"
#include "ports/event_ids.h"
#include "redis/cluster_client.h"

namespace tact {

class RedisEventIds final : public EventIds {
 public:
  static constexpr absl::Duration kLease = absl::Seconds(30);

  // An id is applied once within `window`.
  RedisEventIds(redis::ClusterClient& client, absl::Duration window);

  absl::StatusOr<bool> ApplyOnce(const Event& event, absl::Time now,
                                 absl::FunctionRef<absl::Status()> apply) override;

 private:
  redis::ClusterClient& client_;
  const absl::Duration window_;
  const redis::Script claim_;
};

}  // namespace tact
