#include "redis_state/redis_store.h"

#include <algorithm>
#include <random>
#include <utility>

#include "redis_state/ledger_value.h"
#include "redis_state/redis_format.h"
#include "redis_state/redis_touch_ledger.h"
#include "redis_state/slot_tags.h"

namespace tact {

namespace {

uint64_t RandomStart() {
  std::random_device random;
  return (uint64_t{random()} << 32) | random();
}

}  // namespace

RedisStore::RedisStore(PersonRecords& records, absl::Duration bucket_span)
    : records_(records),
      bucket_span_ns_(absl::ToInt64Nanoseconds(bucket_span)),
      counter_(RandomStart()),
      next_bucket_at_ns_(absl::GetCurrentTimeNanos() + bucket_span_ns_) {}

uint64_t RedisStore::NewTouchId(absl::string_view person_id) {
  const int64_t now_ns = absl::GetCurrentTimeNanos();
  int64_t due_ns = next_bucket_at_ns_.load(std::memory_order_relaxed);
  // The first id minted after the bucket's day moves the counter on; an id
  // minted meanwhile on another thread may still join the old bucket.
  if (now_ns >= due_ns &&
      next_bucket_at_ns_.compare_exchange_strong(due_ns, now_ns + bucket_span_ns_)) {
    constexpr uint64_t kBucketIds = uint64_t{1} << redis_format::kLedgerEntryBits;
    uint64_t counter = counter_.load();
    while (!counter_.compare_exchange_weak(counter, (counter | (kBucketIds - 1)) + 1)) {
    }
  }
  return redis_format::TouchIdInSlot(PersonSlot(person_id),
                                     counter_.fetch_add(1, std::memory_order_relaxed));
}

namespace {

// A port's change as PersonRecords takes it: the ledger entry encoded, with
// its lifetime.
struct RecordsChange {
  HistoryChange change;
  std::optional<PersonRecords::LedgerWrite> operator()(History& history) const {
    std::optional<LedgerWrite> sent = change(history);
    if (!sent) return std::nullopt;
    return PersonRecords::LedgerWrite{
        sent->touch_id, EncodeLedgerValue(sent->entry),
        RedisTouchLedger::Lifetime(sent->entry.minute, sent->oldest_kept)};
  }
};

}  // namespace

absl::Status RedisStore::Apply(absl::string_view person_id, HistoryChange change) {
  return records_.Apply(person_id, RecordsChange{change});
}

std::vector<absl::Status> RedisStore::ApplyAll(absl::Span<const PersonChange> changes) {
  std::vector<RecordsChange> converted;
  converted.reserve(changes.size());
  std::vector<PersonRecords::Change> records_changes;
  records_changes.reserve(changes.size());
  for (const PersonChange& change : changes) {
    converted.push_back(RecordsChange{change.change});
    records_changes.push_back({change.person_id, converted.back()});
  }
  return records_.ApplyAll(records_changes);
}

}  // namespace tact
