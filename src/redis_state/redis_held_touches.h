// Touches held for tools (ports/held_touches.h) on a Redis Cluster, shared
// by every node: any node lists, cancels and retries them, and each due one
// is decided and called back by one node at a time. Keys (tag {tact:h}: one
// slot, so that one script changes them together; redis_state/redis_format.h):
//
//   {tact:h}v       hash: field the id (16 hex digits), value the held
//                   touch as store/held_touch_codec.h encodes it
//   {tact:h}d       sorted set: the active ones' ids by due (unix ms)
//   {tact:h}f       sorted set: the finished ones' ids by changed_at (ms)
//   {tact:h}t       sorted set: every id by held_at (ms), for listing
//   {tact:h}n       hash: how many are in each state (field: its number)
//   {tact:h}l:<id>  a node's lease on a due one (expiring after `lease`)
//
// Due leases what it returns to the caller's node until it is put due later
// than it was changed (a new not_before, a callback's retry) or finished:
// another node's Due skips it meanwhile. A node that stops mid-release
// leaves its leased ones to the others after `lease`. Due returns at most
// kMaxDue a call, so that a round's callbacks fit the lease.
//
// Thread safety: every method may be called from any thread; the client
// must outlive this object.
#pragma once

#include "absl/time/time.h"
#include "ports/held_touches.h"
#include "redis/cluster_client.h"

namespace tact {

class RedisHeldTouches final : public HeldTouches {
 public:
  static constexpr size_t kMaxDue = 100;

  explicit RedisHeldTouches(redis::ClusterClient& client, absl::Duration lease = absl::Minutes(5));

  absl::Status Put(const HeldTouch& held) override;
  absl::StatusOr<std::optional<HeldTouch>> Find(uint64_t id) const override;
  absl::StatusOr<std::vector<HeldTouch>> Due(absl::Time now, size_t limit) const override;
  absl::StatusOr<std::vector<HeldTouch>> List(const HeldQuery& query) const override;
  HeldCounts Counts() const override;
  absl::StatusOr<size_t> Forget(absl::Time before) override;

 private:
  redis::ClusterClient& client_;
  const absl::Duration lease_;
  const redis::Script put_, due_, forget_;
};

}  // namespace tact
