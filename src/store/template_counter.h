// The template counts (ports/template_counts.h) in memory. Memory is fixed:
// `capacity` slots in sets of eight; a new text whose set is full replaces
// the one with the fewest recipients over the last 64 days, so one-off
// personal texts are forgotten first and a template that keeps going out
// stays. Forgetting can only undercount: a text is never judged by
// recipients it did not have.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "core/minutes.h"
#include "policy/policy.h"
#include "ports/template_counts.h"

namespace tact {

class TemplateCounter final : public TemplateCounts {
 public:
  static constexpr size_t kDefaultCapacity = 65536;
  static constexpr int kDaysKept = 64;
  static_assert(kTemplateWindowDaysMax < kDaysKept, "every policy window must fit in the ring");

  // `capacity` is rounded up to a multiple of the set size (8).
  explicit TemplateCounter(size_t capacity = kDefaultCapacity);

  // Counts one more recipient of `fingerprint` (not 0) on `minute`'s day.
  void Add(uint64_t fingerprint, Minute minute) override { Add(fingerprint, minute, 1); }
  // Counts `recipients` more (another node's, say).
  void Add(uint64_t fingerprint, Minute minute, int64_t recipients);

  // Recipients on the `window_days` UTC days ending with `now`'s day.
  int64_t Count(uint64_t fingerprint, Minute now, int window_days) const override;

  size_t capacity() const { return slots_.size(); }

 private:
  struct Slot {
    uint64_t fingerprint = 0;  // 0: empty
    int32_t last_day = 0;      // the newest day counted; older days are in the ring
    std::array<uint16_t, kDaysKept> per_day{};  // by day % kDaysKept
  };
  static constexpr size_t kWays = 8;
  static constexpr size_t kLocks = 64;

  static int64_t Sum(const Slot& slot, int32_t today, int window_days);
  size_t SetOf(uint64_t fingerprint) const;

  std::vector<Slot> slots_;
  size_t sets_;
  mutable std::unique_ptr<std::mutex[]> locks_;  // lock set % kLocks
};

}  // namespace tact
