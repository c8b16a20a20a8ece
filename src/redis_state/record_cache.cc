#include "redis_state/record_cache.h"

#include <algorithm>
#include <utility>

#include "absl/hash/hash.h"

namespace tact {

RecordCache::RecordCache(size_t capacity)
    : shard_capacity_(std::max<size_t>(1, capacity / kShards)) {}

RecordCache::Shard& RecordCache::ShardOf(absl::string_view key) const {
  return shards_[absl::Hash<absl::string_view>{}(key) % kShards];
}

std::optional<std::string> RecordCache::Find(absl::string_view key) const {
  Shard& shard = ShardOf(key);
  absl::MutexLock lock(&shard.mutex);
  auto found = shard.records.find(key);
  if (found == shard.records.end()) return std::nullopt;
  return found->second;
}

void RecordCache::Put(absl::string_view key, std::string record) {
  Shard& shard = ShardOf(key);
  absl::MutexLock lock(&shard.mutex);
  if (shard.records.size() >= shard_capacity_ && !shard.records.contains(key)) {
    shard.records.clear();
  }
  shard.records.insert_or_assign(std::string(key), std::move(record));
}

void RecordCache::Erase(absl::string_view key) {
  Shard& shard = ShardOf(key);
  absl::MutexLock lock(&shard.mutex);
  shard.records.erase(key);
}

}  // namespace tact
