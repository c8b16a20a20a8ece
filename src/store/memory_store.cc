#include "store/memory_store.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tact {

size_t MemoryStore::ShardsFor(size_t expected_people) {
  // Abseil's tables hold 7/8 of a capacity of 2^k - 1 slots before they
  // double. The largest such capacity that still gives kMinShards shards,
  // each expecting as many people as keeps five standard deviations of the
  // spread between shards below the 7/8 mark (13,700 of 16,383 slots, 84 %).
  size_t shards = kMinShards;
  // From 127 slots: below that the spread leaves no room to fill.
  for (size_t capacity = 127;; capacity = capacity * 2 + 1) {
    const double growth = static_cast<double>(capacity - capacity / 8);
    const double people_per_shard = growth - 5 * std::sqrt(growth);
    const auto needed =
        static_cast<size_t>(std::ceil(static_cast<double>(expected_people) / people_per_shard));
    if (needed < kMinShards) break;
    shards = needed;
  }
  return shards;
}

MemoryStore::MemoryStore(size_t expected_people, TouchLedger* ledger)
    : shard_count_(0), ledger_(ledger), touch_id_prefix_(std::random_device{}()) {
  MakeShards(expected_people);
}

void MemoryStore::MakeShards(size_t expected_people) {
  shard_count_ = ShardsFor(expected_people);
  shards_ = std::make_unique<Shard[]>(shard_count_);
  if (expected_people == 0) return;
  for (size_t index = 0; index < shard_count_; ++index) {
    Shard& shard = shards_[index];
    std::lock_guard<std::mutex> lock(shard.mutex);
    shard.people.reserve(expected_people / shard_count_ + 1);
  }
}

absl::Status MemoryStore::SizeFor(size_t expected_people) {
  if (Stats().people != 0) {
    return absl::FailedPreconditionError("the store is sized only while it is empty");
  }
  MakeShards(expected_people);
  return absl::OkStatus();
}

std::pair<size_t, size_t> MemoryStore::Locate(absl::string_view person_id) const {
  // The map hashes keys with absl::Hash too, so the hash is computed once and
  // passed to it. The shard takes the high 24 bits (scaled to the shard
  // count, not divided); the map uses the low ones.
  const size_t hash = absl::Hash<absl::string_view>{}(person_id);
  return {hash, static_cast<size_t>(((hash >> 40) * shard_count_) >> 24)};
}

absl::Status MemoryStore::Apply(absl::string_view person_id, HistoryChange change) {
  const auto [hash, shard_index] = Locate(person_id);
  Shard& shard = shards_[shard_index];
  std::lock_guard<std::mutex> lock(shard.mutex);
  auto found = shard.people.find(person_id, hash);
  if (found == shard.people.end()) {
    found = shard.people.emplace(PersonKey(person_id), History{}).first;
  }
  std::optional<LedgerWrite> sent = change(found->second);
  if (sent && ledger_ != nullptr) {
    return ledger_->Add(sent->touch_id, std::move(sent->entry), sent->oldest_kept);
  }
  return absl::OkStatus();
}

std::vector<absl::Status> MemoryStore::ApplyAll(absl::Span<const PersonChange> changes) {
  std::vector<absl::Status> outcomes;
  outcomes.reserve(changes.size());
  for (size_t index = 0; index < changes.size(); ++index) {
    PrefetchAhead(changes, index);
    outcomes.push_back(Apply(changes[index].person_id, changes[index].change));
  }
  return outcomes;
}

void MemoryStore::PrefetchGroup(absl::string_view person_id) const {
  const auto [hash, shard_index] = Locate(person_id);
  const Shard& shard = shards_[shard_index];
  std::lock_guard<std::mutex> lock(shard.mutex);
  shard.people.prefetch(SlotGuess{hash});
}

void MemoryStore::Prefetch(absl::string_view person_id) const {
  const auto [hash, shard_index] = Locate(person_id);
  const Shard& shard = shards_[shard_index];
  std::lock_guard<std::mutex> lock(shard.mutex);
  // Reads the control bytes, not the slot; a prefetch is not held up by
  // the lock's release.
  PrefetchGuessedSlot(shard.people, hash);
}

void MemoryStore::PrefetchAhead(absl::Span<const PersonChange> changes, size_t index) const {
  // Two stages: the control bytes 2k changes ahead, then (those cached) the
  // slot k ahead.
  const size_t groups_from = index == 0 ? 1 : index + 2 * kPrefetchAhead;
  const size_t groups_to = std::min(changes.size(), index + 2 * kPrefetchAhead + 1);
  for (size_t ahead = groups_from; ahead < groups_to; ++ahead) {
    PrefetchGroup(changes[ahead].person_id);
  }
  const size_t slots_from = index == 0 ? 1 : index + kPrefetchAhead;
  const size_t slots_to = std::min(changes.size(), index + kPrefetchAhead + 1);
  for (size_t ahead = slots_from; ahead < slots_to; ++ahead) Prefetch(changes[ahead].person_id);
}

uint64_t MemoryStore::NewTouchId(absl::string_view) {
  return (uint64_t{touch_id_prefix_} << 32) |
         (touch_counter_.fetch_add(1, std::memory_order_relaxed) & 0xffffffffu);
}

absl::StatusOr<std::optional<History>> MemoryStore::Get(absl::string_view person_id) const {
  return Find(person_id);
}

std::optional<History> MemoryStore::Find(absl::string_view person_id) const {
  std::optional<History> found;
  Read(person_id, [&](const History& history) { found = history; });
  return found;
}

bool MemoryStore::Read(absl::string_view person_id,
                       absl::FunctionRef<void(const History&)> read) const {
  const auto [hash, shard_index] = Locate(person_id);
  const Shard& shard = shards_[shard_index];
  std::lock_guard<std::mutex> lock(shard.mutex);
  const auto found = shard.people.find(person_id, hash);
  if (found == shard.people.end()) return false;
  read(found->second);
  return true;
}

StoreStats MemoryStore::Stats() const {
  StoreStats stats;
  for (const Shard& shard : absl::MakeConstSpan(shards_.get(), shard_count_)) {
    std::lock_guard<std::mutex> lock(shard.mutex);
    stats.people += shard.people.size();
    // Slots plus one control byte each, whether used or not.
    stats.bytes += shard.people.capacity() * (sizeof(std::pair<PersonKey, History>) + 1);
    for (const auto& [id, history] : shard.people) {
      stats.touches += history.touches().size();
      stats.bytes += history.HeapBytes() + id.HeapBytes();
    }
  }
  return stats;
}

void MemoryStore::ForEach(absl::FunctionRef<void(absl::string_view, const History&)> fn) const {
  for (const Shard& shard : absl::MakeConstSpan(shards_.get(), shard_count_)) {
    std::lock_guard<std::mutex> lock(shard.mutex);
    for (const auto& [id, history] : shard.people) fn(id.view(), history);
  }
}

}  // namespace tact
