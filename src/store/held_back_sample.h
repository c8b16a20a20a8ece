// The held-back log (ports/held_back_log.h) in memory: `kKept` touches per
// stripe, newest first when read.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "ports/held_back_log.h"

namespace tact {

class HeldBackSample final : public HeldBackLog {
 public:
  static constexpr size_t kStripes = 8;
  static constexpr size_t kKept = 32;
  static_assert(kStripes * kKept >= kRecentMax, "keeps as many as a report may ask for");

  HeldBackSample();
  void Add(HeldBack held_back) override;
  std::vector<HeldBack> Recent(size_t limit) const override;

 private:
  struct Stripe {
    mutable std::mutex mutex;
    std::array<HeldBack, kKept> ring ABSL_GUARDED_BY(mutex);
    size_t next ABSL_GUARDED_BY(mutex) = 0;
  };
  std::unique_ptr<std::array<Stripe, kStripes>> stripes_;
};

}  // namespace tact
