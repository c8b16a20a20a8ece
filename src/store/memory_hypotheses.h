// Sellers' hypotheses in memory (ports/hypotheses.h), for every kind of state
// of one process: the embedded state writes each one through to the journal
// and loads them back at open. Near reads every fingerprint (8 bytes and an
// id each): hypotheses are written by people, a few a day per seller.
//
// Thread safety: every method may be called from any thread (one mutex).
#pragma once

#include <functional>
#include <mutex>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "ports/hypotheses.h"

namespace tact {

class MemoryHypotheses final : public Hypotheses {
 public:
  // Called under the lock with each hypothesis added, its id set: the
  // journal's write-through.
  using WriteThrough = std::function<void(const Hypothesis& hypothesis)>;
  void SetWriteThrough(WriteThrough write_through) { write_through_ = std::move(write_through); }

  // Keeps `hypothesis` under its own id without writing it through (loading).
  void Load(Hypothesis hypothesis);

  absl::StatusOr<uint64_t> Add(const Hypothesis& hypothesis) override;
  absl::StatusOr<std::optional<Hypothesis>> Latest(absl::string_view account_id,
                                                   absl::string_view seller) const override;
  absl::StatusOr<std::vector<Hypothesis>> ForAccount(absl::string_view account_id,
                                                     size_t limit) const override;
  absl::StatusOr<std::vector<Hypothesis>> Near(uint64_t fingerprint,
                                               int max_distance) const override;

 private:
  void KeepLocked(Hypothesis hypothesis) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  mutable std::mutex mutex_;
  absl::flat_hash_map<uint64_t, Hypothesis> by_id_ ABSL_GUARDED_BY(mutex_);
  // Each account's ids, in the order written (ids only grow).
  absl::flat_hash_map<std::string, std::vector<uint64_t>> by_account_ ABSL_GUARDED_BY(mutex_);
  uint64_t last_id_ ABSL_GUARDED_BY(mutex_) = 0;
  WriteThrough write_through_;
};

}  // namespace tact
