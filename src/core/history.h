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
#include "core/boxed.h"
#include "core/channel.h"
#include "core/kind.h"
#include "core/minutes.h"
#include "core/send_time.h"
#include "core/stable_key.h"

namespace tact {

// One recorded touch; 16 bytes (channel, kind and the budget flag share a
// byte). Its text's fingerprint is kept beside it (History::fingerprints), not
// in it: most touches carry none. Stores encode it field by field
// (store/history_codec.h, redis_state/history_value.h), so the layout here is
// free to change.
struct TouchRecord {
  Minute minute = 0;
  StableKey sender = 0;
  StableKey thread = 0;
  Channel channel : 4 = Channel::kEmail;
  Kind kind : 3 = Kind::kPromotional;
  bool counts_for_budgets : 1 = true;  // false for kinds exempt from budgets
  uint8_t step = 0;
  TeamKey team = 0;  // the team that sent it (core/stable_key.h); 0: none known
};
static_assert(sizeof(TouchRecord) == 16);
static_assert(kChannelCount <= 16 && kKindCount <= 8, "channel and kind fit their bits");

class History {
 public:
  // Recorded touches, oldest first.
  std::span<const TouchRecord> touches() const { return {touches_.data(), touches_.size()}; }
  // The SimHash of each touch's text (content/fingerprint.h; 0: no text), in
  // the order of touches(); empty when none of the touches had text.
  std::span<const uint64_t> fingerprints() const {
    const Rare* rare = rare_.get();
    if (rare == nullptr) return {};
    return {rare->fingerprints.data(), rare->fingerprints.size()};
  }
  // The fingerprint of touches()[index]; 0 when it had no text.
  uint64_t fingerprint(size_t index) const {
    const Rare* rare = rare_.get();
    return rare == nullptr || rare->fingerprints.empty() ? 0 : rare->fingerprints[index];
  }

  // Minute of the person's most recent reply (any channel), or kNoReply.
  static constexpr Minute kNoReply = std::numeric_limits<Minute>::min();
  Minute last_reply() const { return last_reply_; }
  void RecordReply(Minute minute) {
    if (minute <= last_reply_) return;
    last_reply_ = minute;
    ++revision_;
  }

  // Minute of the person's most recent engagement (an open, click, reply,
  // meeting or conversion that the policy counts), or kNoReply.
  Minute last_engaged() const { return last_engaged_; }
  // Records an engagement: touches before it are no longer "ignored".
  void RecordEngagement(Minute minute) {
    if (minute <= last_engaged_) return;
    last_engaged_ = minute;
    ignored_pruned_ = 0;
    ++revision_;
  }
  // Ignored touches (see IsIgnorable) that pruning forgot since the last
  // engagement: a dormant person stays dormant after their old touches age out.
  uint16_t ignored_pruned() const { return ignored_pruned_; }
  void SetIgnoredPruned(uint16_t count) { ignored_pruned_ = count; }

  // Whether the mirror already counted this person as having become dormant
  // (report/mirror.h): set when a decision first finds them dormant, cleared
  // when one finds them engaged again.
  bool dormant_noted() const { return dormant_noted_; }
  void SetDormantNoted(bool noted) {
    if (noted == dormant_noted_) return;
    dormant_noted_ = noted;
    ++revision_;
  }

  // When the person reads (core/send_time.h): their opens, clicks and
  // replies by local hour of the week; nullptr until tact saw one.
  const SendTimeProfile* send_time() const {
    const Rare* rare = rare_.get();
    return rare == nullptr ? nullptr : rare->send_time.get();
  }
  // Counts an engagement at local minute `local` (UTC day `day`).
  void CountReading(EngagementKind engagement, Minute local, Day day) {
    rare_.GetOrMake().send_time.GetOrMake().Count(engagement, local, day);
    ++revision_;
  }
  // For the stores' codecs.
  void SetSendTime(const SendTimeProfile& profile) { rare_.GetOrMake().send_time.Set(profile); }

  // Whether a touch can be ignored: it counts for budgets and went out on a
  // channel whose providers report opens, clicks or replies.
  static bool IsIgnorable(const TouchRecord& record) {
    return record.counts_for_budgets &&
           (record.channel == Channel::kEmail || record.channel == Channel::kSms ||
            record.channel == Channel::kPush);
  }

  // Counts the changes Record and RecordReply made (pruning is not one: it
  // forgets only what no rule reads). A durable store writes a history when
  // its revision moved.
  uint32_t revision() const { return revision_; }
  // Takes `other`'s contents as a change (its revision moves past this
  // one's), so that a durable store writes it: a history copied in whole.
  void ReplaceWith(const History& other) {
    const uint32_t revision = revision_;
    *this = other;
    revision_ = revision + 1;
  }

  // Inserts `record` in time order, with its text's fingerprint (0: no text).
  void Record(const TouchRecord& record, uint64_t fingerprint = 0);

  // Forgets touches older than `oldest_kept` (exclusive bound: touches at
  // oldest_kept stay), counting the ignorable ones after the last engagement
  // in ignored_pruned(). Rules never look further back than the policy's
  // retention, so pruning at it changes no decision.
  void PruneBefore(Minute oldest_kept);

  // Whether nothing in it matters at `horizon` (no touches, no reply and no
  // reading counted since): a store may drop it. Someone nobody touched for
  // the whole retention is forgotten with their dormancy; the next touches
  // start a new streak.
  bool ForgettableAt(Minute horizon) const {
    return touches_.empty() && last_reply_ < horizon &&
           (send_time() == nullptr || send_time()->as_of() < DayOfMinute(horizon));
  }

  // Heap bytes owned by this history (for memory accounting).
  size_t HeapBytes() const {
    size_t bytes =
        touches_.capacity() > kInlineTouches ? touches_.capacity() * sizeof(TouchRecord) : 0;
    if (const Rare* rare = rare_.get(); rare != nullptr) {
      bytes += sizeof(Rare) + (rare->send_time.get() != nullptr ? sizeof(SendTimeProfile) : 0);
      if (rare->fingerprints.capacity() > kInlineFingerprints) {
        bytes += rare->fingerprints.capacity() * sizeof(uint64_t);
      }
    }
    return bytes;
  }

 private:
  // Most people have had at most two touches within the policy's windows;
  // keeping those inline saves a heap allocation and a cache miss each.
  static constexpr size_t kInlineTouches = 2;
  absl::InlinedVector<TouchRecord, kInlineTouches> touches_;
  Minute last_reply_ = kNoReply;
  uint32_t revision_ = 0;
  Minute last_engaged_ = kNoReply;
  uint16_t ignored_pruned_ = 0;
  bool dormant_noted_ = false;
  // What not everyone has, together on the heap so that the others pay one
  // null pointer for it: when they read (for people who engaged), and the
  // fingerprints of touches with text (empty, or parallel to touches_).
  static constexpr size_t kInlineFingerprints = 2;
  struct Rare {
    Boxed<SendTimeProfile> send_time;
    absl::InlinedVector<uint64_t, kInlineFingerprints> fingerprints;
  };
  Boxed<Rare> rare_;
};
static_assert(sizeof(History) <= 64);

}  // namespace tact
