// When a person reads: a compact profile of their engagement by hour of the
// week in their own local time, fading with age, and the best moment to
// reach them that a caller's rules allow. Pure: the Governor keeps profiles
// and priors (what people like them do) and asks which hour is best.
//
// The profile keeps what a person did, not what was sent to them: opens
// that are not machine opens, clicks and replies, each weighing more than
// the last (a reply says more about when someone reads than an open).
// Weights fade by half every kSendTimeHalfLife, so a person who changed
// jobs (or time zones) is read anew within months.
//
// Thread safety: value types and pure functions.
#pragma once

#include <array>
#include <cstdint>

#include "absl/functional/function_ref.h"
#include "core/day.h"
#include "core/local_clock.h"
#include "core/minutes.h"

namespace tact {

inline constexpr int kHoursOfWeek = 7 * 24;  // Monday 00:00 local is hour 0
inline constexpr int kSendTimeHalfLifeDays = 60;

// What an engagement says about when a person reads.
enum class EngagementKind : uint8_t { kOpen, kClick, kReply };

// How many opens an engagement counts as: a click 2, a reply 4.
int EngagementWeight(EngagementKind engagement);

// The local hour of the week (0 to 167) of a local minute (LocalClock::ToLocal).
int HourOfWeek(Minute local);

// One person's engagement by local hour of the week: 172 bytes.
class SendTimeProfile {
 public:
  // Counts an engagement at local minute `local` (on UTC day `day`), first
  // fading what was kept to `day`.
  void Count(EngagementKind engagement, Minute local, Day day);
  // The weight of `hour` faded to `day`, in engagements (an open is 1).
  double WeightAt(int hour, Day day) const;
  // The sum of all weights faded to `day`.
  double TotalAt(Day day) const;
  bool Empty() const { return as_of_ == kUnset; }

  // For the stores' codecs: the raw weights (in eighths of an open) and the
  // day they were last faded to.
  const std::array<uint8_t, kHoursOfWeek>& raw() const { return weight_; }
  Day as_of() const { return as_of_; }
  static SendTimeProfile FromRaw(const std::array<uint8_t, kHoursOfWeek>& weight, Day as_of);

 private:
  // Fades the weights to `day` (never back in time).
  void FadeTo(Day day);

  std::array<uint8_t, kHoursOfWeek> weight_{};
  static constexpr Day kUnset = INT32_MIN;
  Day as_of_ = kUnset;
};

// What people like this person do (their country, zone or role), as a share
// of engagement per hour of the week; sums to 1. The default is the shape
// of a working week: late mornings and early afternoons on weekdays.
struct SendTimePrior {
  std::array<double, kHoursOfWeek> share{};
  static const SendTimePrior& WorkingWeek();
};

// How strongly the prior counts: as this many engagements spread over the
// week as it says. Low, because a person's own opens are the best evidence
// there is (as send-time tools take the hour of a person's most frequent
// opens from the first one on): once they have two opens' worth, their own
// outweigh it; until then, or at hours where they have none, the prior
// (what their cohort does, else the working week) decides.
inline constexpr double kPriorEngagements = 2;

// The person's expected share of engagement at each hour: their own weights
// and the prior's shares, pooled (own + kPriorEngagements × prior) / (total
// + kPriorEngagements). An hour's own weight also takes half the weight of
// the same hour on the other days of its kind (weekdays, or the weekend):
// someone who read on a Tuesday at 19:00 likely reads then on Thursday too.
// Each share is worked out when asked for (a decision asks for a day's
// hours, not the week's). `profile` (nullptr for a person who never
// engaged) and `prior` must outlive it.
class ReadingShares {
 public:
  ReadingShares(const SendTimeProfile* profile, const SendTimePrior& prior, Day day);
  double At(int hour) const;
  std::array<double, kHoursOfWeek> All() const;

 private:
  static int SameHourIndex(int hour);
  double OwnAt(int hour) const;

  const SendTimePrior& prior_;
  const std::array<uint8_t, kHoursOfWeek>* own_ = nullptr;
  std::array<double, 2 * 24> same_hour_{};  // [weekend][hour of day], in units
  double fade_ = 1;
  double prior_units_ = 0;
  double total_ = 1;
};

// The best minute in [from, from + horizon) (at most a week) to reach
// someone who reads as `shares` says: the start of the local hour (or
// `from` itself, inside the first hour) with the highest share that
// the rules allow; the earliest of equal ones. `from` is taken as allowed
// and is the answer when the rules allow no better one. `clock` is the
// person's zone (nullptr: UTC).
//
// `next_allowed(m)` asks the rules: m itself when they allow it; otherwise a
// later minute before which they allow nothing (kNever: nothing after m), so
// that the hours in between are not asked about.
Minute BestMinute(const ReadingShares& shares, Minute from, Minute horizon, const LocalClock* clock,
                  absl::FunctionRef<Minute(Minute)> next_allowed);

}  // namespace tact
