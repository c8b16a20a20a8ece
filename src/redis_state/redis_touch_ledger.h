// The touch ledger (ports/touch_ledger.h) on a Redis Cluster. An entry is a
// field of a bucket hash in the slot its touch id names
// (redis_state/redis_format.h), its value redis_state/ledger_value.h's
// encoding; a bucket expires when the last of its entries' retention ends.
// MarkOutcome sets the outcome's bit with a script, so of two nodes
// reporting one outcome, one sees it first.
//
// When the cluster does not answer, each method returns the client's error
// (the caller answers 503 and the provider retries; nothing is lost).
//
// Thread safety: every method may be called from any thread; the client
// must outlive the ledger.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "ports/touch_ledger.h"
#include "redis/cluster_client.h"

namespace tact {

class RedisTouchLedger final : public TouchLedger {
 public:
  explicit RedisTouchLedger(redis::ClusterClient& client);

  // `id` must carry the person's slot (redis_format::TouchIdInSlot).
  absl::Status Add(uint64_t id, LedgerEntry entry, Minute oldest_kept) override;
  absl::StatusOr<std::optional<LedgerEntry>> Find(uint64_t id) const override;
  absl::StatusOr<std::optional<LedgerEntry>> MarkOutcome(uint64_t id, EventType type) override;

  // How long an entry sent at `sent` is kept when touches before
  // `oldest_kept` may be forgotten (at least a minute; kNever: for good,
  // InfiniteDuration). RedisStore writes entries with histories by it too.
  static absl::Duration Lifetime(Minute sent, Minute oldest_kept);

 private:
  redis::ClusterClient& client_;
  const redis::Script mark_outcome_;
  const redis::Script add_;
};

}  // namespace tact
