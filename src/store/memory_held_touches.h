// The held touches in memory (ports/held_touches.h), for every kind of state
// of one process: the embedded state writes each change through to the
// journal and loads them back at open.
//
// Thread safety: every method may be called from any thread (one mutex).
#pragma once

#include <functional>
#include <mutex>
#include <set>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "ports/held_touches.h"

namespace tact {

class MemoryHeldTouches final : public HeldTouches {
 public:
  // Called under the lock with each held touch put (`forgotten` false) or
  // forgotten (true), in order: the journal's write-through.
  using WriteThrough = std::function<void(const HeldTouch& held, bool forgotten)>;
  void SetWriteThrough(WriteThrough write_through) { write_through_ = std::move(write_through); }

  // Puts `held` without writing it through (loading).
  void Load(HeldTouch held);

  absl::Status Put(const HeldTouch& held) override;
  absl::StatusOr<std::optional<HeldTouch>> Find(uint64_t id) const override;
  absl::StatusOr<std::vector<HeldTouch>> Due(absl::Time now, size_t limit) const override;
  absl::StatusOr<std::vector<HeldTouch>> List(const HeldQuery& query) const override;
  HeldCounts Counts() const override;
  absl::StatusOr<size_t> Forget(absl::Time before) override;

 private:
  void PutLocked(HeldTouch held) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  mutable std::mutex mutex_;
  absl::flat_hash_map<uint64_t, HeldTouch> by_id_ ABSL_GUARDED_BY(mutex_);
  // The active ones by when they are due.
  std::set<std::pair<absl::Time, uint64_t>> due_ ABSL_GUARDED_BY(mutex_);
  HeldCounts counts_ ABSL_GUARDED_BY(mutex_) = {};
  WriteThrough write_through_;
};

}  // namespace tact
