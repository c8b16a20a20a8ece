// People's histories (ports/store.h) on a Redis Cluster: PersonRecords'
// compare-and-set, with a send's ledger entry written by the same script in
// the person's slot, and touch ids that name that slot.
//
// Thread safety: as Store; `records` must outlive the store.
#pragma once

#include <atomic>
#include <cstdint>

#include "ports/store.h"
#include "redis_state/person_records.h"

namespace tact {

class RedisStore final : public Store {
 public:
  explicit RedisStore(PersonRecords& records);

  absl::Status Apply(absl::string_view person_id, HistoryChange change) override;
  // Pipelined: PersonRecords::ApplyAll.
  std::vector<absl::Status> ApplyAll(absl::Span<const PersonChange> changes) override;
  absl::StatusOr<std::optional<History>> Get(absl::string_view person_id) const override {
    return records_.Get(person_id);
  }
  // The person's slot, then this process's random start plus a counter.
  uint64_t NewTouchId(absl::string_view person_id) override;
  // Nothing is counted here: the cluster's own INFO says what it holds.
  StoreStats Stats() const override { return {}; }

 private:
  PersonRecords& records_;
  const uint64_t unique_start_;
  std::atomic<uint64_t> counter_{0};
};

}  // namespace tact
