// Event ids (ports/event_ids.h) in memory: the most recent ids, with no
// window of time. Bounded: each of the shards forgets its oldest id once it
// holds capacity / shards of them.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <array>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "ports/event_ids.h"

namespace tact {

class MemoryEventIds final : public EventIds {
 public:
  explicit MemoryEventIds(size_t capacity)
      : per_shard_(capacity / kShards + 1),
        shards_(std::make_unique<std::array<Shard, kShards>>()) {}

  absl::StatusOr<bool> ApplyOnce(const Event& event, absl::Time,
                                 absl::FunctionRef<absl::Status()> apply) override {
    if (!Insert(event.id)) return false;
    if (absl::Status applied = apply(); !applied.ok()) {
      Forget(event.id);
      return applied;
    }
    return true;
  }

 private:
  // True when `id` is new (and now remembered); false for a repeat.
  bool Insert(absl::string_view id) {
    Shard& shard = (*shards_)[(absl::Hash<absl::string_view>{}(id) >> 58) % kShards];
    std::lock_guard<std::mutex> lock(shard.mutex);
    if (!shard.ids.emplace(id).second) return false;
    shard.order.emplace_back(id);
    if (shard.order.size() > per_shard_) {
      shard.ids.erase(shard.order.front());
      shard.order.pop_front();
    }
    return true;
  }

  void Forget(absl::string_view id) {
    Shard& shard = (*shards_)[(absl::Hash<absl::string_view>{}(id) >> 58) % kShards];
    std::lock_guard<std::mutex> lock(shard.mutex);
    shard.ids.erase(id);  // its place in `order` goes when it would have expired
  }

  static constexpr size_t kShards = 16;
  struct Shard {
    std::mutex mutex;
    absl::flat_hash_set<std::string> ids ABSL_GUARDED_BY(mutex);
    std::deque<std::string> order ABSL_GUARDED_BY(mutex);  // oldest first
  };
  const size_t per_shard_;
  std::unique_ptr<std::array<Shard, kShards>> shards_;
};

}  // namespace tact
