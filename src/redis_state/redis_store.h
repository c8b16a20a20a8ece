// People's histories (ports/store.h) on a Redis Cluster: PersonRecords'
// compare-and-set, with a send's ledger entry written by the same script in
// the person's slot, and touch ids that name that slot.
//
// Thread safety: as Store; `records` must outlive the store.
#pragma once

#include <atomic>
#include <cstdint>

#include "absl/time/time.h"
#include "ports/store.h"
#include "redis_state/person_records.h"

namespace tact {

class RedisStore final : public Store {
 public:
  // `bucket_span`: how long the counter stays in one ledger bucket at most.
  explicit RedisStore(PersonRecords& records, absl::Duration bucket_span = absl::Hours(24));

  absl::Status Apply(absl::string_view person_id, HistoryChange change) override;
  // Pipelined: PersonRecords::ApplyAll.
  std::vector<absl::Status> ApplyAll(absl::Span<const PersonChange> changes) override;
  absl::StatusOr<std::optional<History>> Get(absl::string_view person_id) const override {
    return records_.Get(person_id);
  }
  // The person's slot, then a counter from a random start, moved to the
  // next ledger bucket (redis_state/redis_format.h) once a day at least, so
  // that a bucket expires about when its entries' retention ends.
  uint64_t NewTouchId(absl::string_view person_id) override;
  // Nothing is counted here: the cluster's own INFO says what it holds.
  StoreStats Stats() const override { return {}; }

 private:
  PersonRecords& records_;
  const int64_t bucket_span_ns_;
  std::atomic<uint64_t> counter_;
  std::atomic<int64_t> next_bucket_at_ns_;  // when the counter moves to the next bucket
};

}  // namespace tact
