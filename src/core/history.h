// A person's compact state: the touches recorded for them and what the rules
// need to know about their engagement. At the default policy a busy person's
// history stays well under 200 bytes.
//
// Thread safety: none; the Store serialises access per person.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "absl/container/inlined_vector.h"
#include "core/channel.h"
#include "core/kind.h"
#include "core/minutes.h"
#include "core/stable_key.h"

namespace tact {

// One recorded touch; 16 bytes. Part of the persistent format: append fields
// only at the end.
struct TouchRecord {
  Minute minute = 0;
  StableKey sender = 0;
  StableKey thread = 0;
  Channel channel = Channel::kEmail;
  Kind kind = Kind::kPromotional;
  bool counts_for_budgets = true;  // false for kinds exempt from budgets
  uint8_t step = 0;
};
static_assert(sizeof(TouchRecord) == 16);

class History {
 public:
  // Recorded touches, oldest first.
  std::span<const TouchRecord> touches() const { return {touches_.data(), touches_.size()}; }

  // Minute of the person's most recent reply (any channel), or kNoReply.
  static constexpr Minute kNoReply = std::numeric_limits<Minute>::min();
  Minute last_reply() const { return last_reply_; }
  void RecordReply(Minute minute) {
    if (minute <= last_reply_) return;
    last_reply_ = minute;
    ++revision_;
  }

  // Counts the changes Record and RecordReply made (pruning is not one: it
  // forgets only what no rule reads). A durable store writes a history when
  // its revision moved.
  uint32_t revision() const { return revision_; }

  // Inserts `record` in time order.
  void Record(const TouchRecord& record);

  // Forgets touches older than `oldest_kept` (exclusive bound: touches at
  // oldest_kept stay). Rules never look further back than the policy's
  // retention, so pruning at it changes no decision.
  void PruneBefore(Minute oldest_kept);

  // Heap bytes owned by this history (for memory accounting).
  size_t HeapBytes() const {
    return touches_.capacity() > kInlineTouches ? touches_.capacity() * sizeof(TouchRecord) : 0;
  }

 private:
  // Most people have had at most two touches within the policy's windows;
  // keeping those inline saves a heap allocation and a cache miss each.
  static constexpr size_t kInlineTouches = 2;
  absl::InlinedVector<TouchRecord, kInlineTouches> touches_;
  Minute last_reply_ = kNoReply;
  uint32_t revision_ = 0;  // fits in the padding after last_reply_
};
static_assert(sizeof(History) <= 48);

}  // namespace tact
