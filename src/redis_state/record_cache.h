// The records this node read or wrote last, by key: a bounded cache that
// saves Apply's read when nobody else wrote the person since. A stale entry
// costs a conflict and a retry, never a wrong write (the compare-and-set
// checks the version).
//
// Thread safety: every method may be called from any thread (a mutex per
// shard).
#pragma once

#include <array>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace tact {

class RecordCache {
 public:
  // At most about `capacity` entries: a full shard is emptied.
  explicit RecordCache(size_t capacity);

  std::optional<std::string> Find(absl::string_view key) const;
  void Put(absl::string_view key, std::string record);
  void Erase(absl::string_view key);

 private:
  static constexpr size_t kShards = 16;
  struct Shard {
    mutable absl::Mutex mutex;
    absl::flat_hash_map<std::string, std::string> records ABSL_GUARDED_BY(mutex);
  };
  Shard& ShardOf(absl::string_view key) const;

  const size_t shard_capacity_;
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace tact
