// The most recent touches tact held back (deferred or suppressed), kept so a
// report can point at people to look at: whom, when, which rule, from where.
// Bounded: `kKept` per stripe, newest first when read.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "core/decision.h"
#include "core/minutes.h"
#include "report/mirror.h"

namespace tact {

struct HeldBack {
  std::string person_id;
  Minute minute = 0;  // the touch's intended time
  Outcome outcome = Outcome::kDefer;
  std::string rule;  // the first reason's rule id
  std::string team, campaign, sender;
  Channel channel = Channel::kEmail;
};

class HeldBackSample {
 public:
  static constexpr size_t kStripes = 8;
  static constexpr size_t kKept = 32;

  HeldBackSample();
  void Add(HeldBack held_back);
  // Newest first, at most `limit`, one row per person (their latest).
  std::vector<HeldBack> Recent(size_t limit) const;

 private:
  struct Stripe {
    mutable std::mutex mutex;
    std::array<HeldBack, kKept> ring ABSL_GUARDED_BY(mutex);
    size_t next ABSL_GUARDED_BY(mutex) = 0;
  };
  std::unique_ptr<std::array<Stripe, kStripes>> stripes_;
};

}  // namespace tact
