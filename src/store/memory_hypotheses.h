// Sellers' hypotheses in memory (ports/hypotheses.h), for every kind of state
// of one process: the embedded state writes each one through to the journal
// and loads them back at open. NearestOther finds fingerprints within 3 bits
// (the policy's default content.near_distance) through an index of their
// four 16-bit bands: two within 3 bits share at least one band exactly. It
// reads every fingerprint for a wider distance.
//
// Thread safety: every method may be called from any thread (one mutex).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

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
  absl::StatusOr<std::optional<Hypothesis>> NearestOther(uint64_t fingerprint, int max_distance,
                                                         absl::string_view account_id,
                                                         absl::string_view seller) const override;

 private:
  void KeepLocked(Hypothesis hypothesis) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  mutable std::mutex mutex_;
  absl::flat_hash_map<uint64_t, Hypothesis> by_id_ ABSL_GUARDED_BY(mutex_);
  // Each account's ids, in the order written (ids only grow).
  absl::flat_hash_map<std::string, std::vector<uint64_t>> by_account_ ABSL_GUARDED_BY(mutex_);
  // Every fingerprint with its id, in the order written: NearestOther scans
  // these, not the hypotheses.
  struct Print {
    uint64_t fingerprint;
    uint64_t id;
  };
  std::vector<Print> fingerprints_ ABSL_GUARDED_BY(mutex_);
  // Per band: each 16-bit value → the positions in fingerprints_ with it, in
  // the order written.
  static constexpr int kBands = 4;
  std::array<absl::flat_hash_map<uint16_t, std::vector<uint32_t>>, kBands> bands_
      ABSL_GUARDED_BY(mutex_);
  uint64_t last_id_ ABSL_GUARDED_BY(mutex_) = 0;
  WriteThrough write_through_;
};

}  // namespace tact
