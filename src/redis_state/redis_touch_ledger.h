// The touch ledger (ports/touch_ledger.h) on a Redis Cluster. An entry is
// one key in the slot its touch id names (redis_state/redis_format.h), its
// value store/ledger_codec.h's encoding, expiring when the ledger's
// retention passes it; MarkOutcome sets the outcome's bit in place with a
// script, so of two nodes reporting one outcome, one sees it first.
//
// When the cluster does not answer, Add forgets the entry, Find and
// MarkOutcome find nothing (the port's contract allows losing a link,
// never a decision); each such failure is counted in failures().
//
// Thread safety: every method may be called from any thread; the client
// must outlive the ledger.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include "ports/touch_ledger.h"
#include "redis/cluster_client.h"

namespace tact {

class RedisTouchLedger final : public TouchLedger {
 public:
  explicit RedisTouchLedger(redis::ClusterClient& client);

  // `id` must carry the person's slot (redis_format::TouchIdInSlot).
  void Add(uint64_t id, LedgerEntry entry, Minute oldest_kept) override;
  std::optional<LedgerEntry> Find(uint64_t id) const override;
  std::optional<LedgerEntry> MarkOutcome(uint64_t id, EventType type) override;

  // Calls that failed for want of an answer from the cluster.
  int64_t failures() const { return failures_.load(); }

 private:
  std::optional<LedgerEntry> Decoded(const absl::StatusOr<redis::Reply>& reply) const;

  redis::ClusterClient& client_;
  const redis::Script mark_outcome_;
  mutable std::atomic<int64_t> failures_{0};
};

}  // namespace tact
