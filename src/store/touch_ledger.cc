#include "store/touch_ledger.h"

#include <cstring>

namespace tact {

MemoryTouchLedger::MemoryTouchLedger() : shards_(std::make_unique<std::array<Shard, kShards>>()) {}

absl::Status MemoryTouchLedger::Add(uint64_t id, LedgerEntry entry, Minute oldest_kept) {
  Shard& shard = ShardOf(id);
  std::lock_guard<std::mutex> lock(shard.mutex);
  if (write_through_) write_through_(id, entry);
  shard.entries.insert_or_assign(id, std::move(entry));
  if (oldest_kept != kNever && (++shard.adds & 0xfff) == 0) {
    absl::erase_if(shard.entries,
                   [&](const auto& item) { return item.second.minute < oldest_kept; });
  }
  return absl::OkStatus();
}

std::optional<LedgerEntry> MemoryTouchLedger::Get(uint64_t id) const {
  const Shard& shard = ShardOf(id);
  std::lock_guard<std::mutex> lock(shard.mutex);
  const auto found = shard.entries.find(id);
  if (found == shard.entries.end()) return std::nullopt;
  return found->second;
}

std::optional<LedgerEntry> MemoryTouchLedger::Mark(uint64_t id, EventType type) {
  Shard& shard = ShardOf(id);
  std::lock_guard<std::mutex> lock(shard.mutex);
  const auto found = shard.entries.find(id);
  if (found == shard.entries.end()) return std::nullopt;
  LedgerEntry before = found->second;
  const uint16_t bit = static_cast<uint16_t>(1u << static_cast<int>(type));
  if ((found->second.outcomes & bit) == 0) {
    found->second.outcomes |= bit;
    if (write_through_) write_through_(id, found->second);
  }
  return before;
}

void MemoryTouchLedger::PruneBefore(Minute oldest_kept) {
  for (Shard& shard : *shards_) {
    std::lock_guard<std::mutex> lock(shard.mutex);
    absl::erase_if(shard.entries,
                   [&](const auto& item) { return item.second.minute < oldest_kept; });
  }
}

void MemoryTouchLedger::ForEach(absl::FunctionRef<void(uint64_t, const LedgerEntry&)> fn) const {
  for (const Shard& shard : *shards_) {
    std::lock_guard<std::mutex> lock(shard.mutex);
    for (const auto& [id, entry] : shard.entries) fn(id, entry);
  }
}

size_t MemoryTouchLedger::Size() const {
  size_t size = 0;
  for (const Shard& shard : *shards_) {
    std::lock_guard<std::mutex> lock(shard.mutex);
    size += shard.entries.size();
  }
  return size;
}

}  // namespace tact
