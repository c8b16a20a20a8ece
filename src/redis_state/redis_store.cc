#include "redis_state/redis_store.h"

#include <algorithm>
#include <random>
#include <utility>

#include "redis_state/redis_format.h"
#include "redis_state/redis_touch_ledger.h"
#include "redis_state/slot_tags.h"
#include "store/ledger_codec.h"

namespace tact {

namespace {

uint64_t RandomStart() {
  std::random_device random;
  return (uint64_t{random()} << 32) | random();
}

}  // namespace

RedisStore::RedisStore(PersonRecords& records) : records_(records), unique_start_(RandomStart()) {}

uint64_t RedisStore::NewTouchId(absl::string_view person_id) {
  return redis_format::TouchIdInSlot(
      PersonSlot(person_id), unique_start_ + counter_.fetch_add(1, std::memory_order_relaxed));
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
        sent->touch_id, EncodeLedgerEntry(sent->entry),
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
