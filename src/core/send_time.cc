#include "core/send_time.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/local_clock.h"

namespace tact {
namespace {

// Weights are kept in eighths of an open; an hour saturates at 255 (about
// 32 opens), and every hour is halved then, so shares stay right.
constexpr double kUnitsPerEngagement = 8;

int UnitsOf(EngagementKind engagement) {
  return static_cast<int>(EngagementWeight(engagement) * kUnitsPerEngagement);
}

constexpr int kFadeStepDays = 30;

// How much an hour's reading says about the same hour on other days of its
// kind (ReadingShares).
constexpr double kSameHourShare = 0.5;

double Fade(Day from, Day to) {
  if (to <= from) return 1;
  return std::exp2(-static_cast<double>(to - from) / kSendTimeHalfLifeDays);
}

}  // namespace

int EngagementWeight(EngagementKind engagement) {
  switch (engagement) {
    case EngagementKind::kOpen:
      return 1;
    case EngagementKind::kClick:
      return 2;
    case EngagementKind::kReply:
      return 4;
  }
  return 1;
}

int HourOfWeek(Minute local) {
  return LocalClock::Weekday(local) * 24 + LocalClock::MinuteOfDay(local) / 60;
}

void SendTimeProfile::FadeTo(Day day) {
  if (Empty()) {
    as_of_ = day;
    return;
  }
  // Weights are whole eighths of an open, rounded at each fade: fading a
  // day at a time would round a small weight back to itself for ever. In
  // steps of a month every weight above an eighth shrinks; what is counted
  // within a month of as_of counts as of as_of (at most 29 % too little).
  if (day - as_of_ < kFadeStepDays) return;
  const double factor = Fade(as_of_, day);
  for (uint8_t& weight : weight_) {
    weight = static_cast<uint8_t>(std::lround(weight * factor));
  }
  as_of_ = day;
}

void SendTimeProfile::Count(EngagementKind engagement, Minute local, Day day) {
  FadeTo(day);
  uint8_t& weight = weight_[HourOfWeek(local)];
  const int units = UnitsOf(engagement);
  if (weight + units > 255) {
    for (uint8_t& each : weight_) each = static_cast<uint8_t>(each / 2);
  }
  weight = static_cast<uint8_t>(std::min(255, weight + units));
}

double SendTimeProfile::WeightAt(int hour, Day day) const {
  if (Empty()) return 0;
  return weight_[hour] / kUnitsPerEngagement * Fade(as_of_, day);
}

double SendTimeProfile::TotalAt(Day day) const {
  if (Empty()) return 0;
  int units = 0;
  for (uint8_t weight : weight_) units += weight;
  return units / kUnitsPerEngagement * Fade(as_of_, day);
}

SendTimeProfile SendTimeProfile::FromRaw(const std::array<uint8_t, kHoursOfWeek>& weight,
                                         Day as_of) {
  SendTimeProfile profile;
  profile.weight_ = weight;
  profile.as_of_ = as_of;
  return profile;
}

const SendTimePrior& SendTimePrior::WorkingWeek() {
  static const SendTimePrior prior = [] {
    // Relative weights of a weekday's hours: people read on arrival, before
    // lunch and early in the afternoon; little at night; weekends a fifth
    // of a weekday.
    constexpr std::array<double, 24> kWeekday = {1,  1,  1,  1,  1, 2, 4, 8, 14, 16, 15, 13,
                                                 10, 12, 13, 11, 9, 8, 7, 6, 5,  4,  2,  1};
    SendTimePrior shares;
    double total = 0;
    for (int hour = 0; hour < kHoursOfWeek; ++hour) {
      const bool weekend = hour >= 5 * 24;
      shares.share[hour] = kWeekday[hour % 24] * (weekend ? 0.2 : 1.0);
      total += shares.share[hour];
    }
    for (double& share : shares.share) share /= total;
    return shares;
  }();
  return prior;
}

ReadingShares::ReadingShares(const SendTimeProfile* profile, const SendTimePrior& prior, Day day)
    : prior_(prior) {
  if (profile == nullptr || profile->Empty()) return;
  own_ = &profile->raw();
  // Someone who read on a Tuesday at 19:00 likely reads at 19:00 on the
  // other weekdays too: each hour also counts kSameHourShare of the same
  // hour on the other days of its kind (weekdays, or the weekend).
  for (int hour = 0; hour < kHoursOfWeek; ++hour) same_hour_[SameHourIndex(hour)] += (*own_)[hour];
  double own_total = 0;
  for (int hour = 0; hour < kHoursOfWeek; ++hour) own_total += OwnAt(hour);
  // Every weight fades alike: the person's own (with what the same hours on
  // other days lend them), in units, against the prior's kPriorEngagements.
  fade_ = Fade(profile->as_of(), day);
  prior_units_ = kPriorEngagements * kUnitsPerEngagement;
  total_ = own_total * fade_ + prior_units_;
}

int ReadingShares::SameHourIndex(int hour) { return (hour >= 5 * 24 ? 24 : 0) + hour % 24; }

double ReadingShares::OwnAt(int hour) const {
  const double raw = (*own_)[hour];
  return raw + kSameHourShare * (same_hour_[SameHourIndex(hour)] - raw);
}

double ReadingShares::At(int hour) const {
  if (own_ == nullptr) return prior_.share[hour];
  return (OwnAt(hour) * fade_ + prior_units_ * prior_.share[hour]) / total_;
}

std::array<double, kHoursOfWeek> ReadingShares::All() const {
  std::array<double, kHoursOfWeek> shares;
  for (int hour = 0; hour < kHoursOfWeek; ++hour) shares[hour] = At(hour);
  return shares;
}

Minute BestMinute(const ReadingShares& shares, Minute from, Minute horizon, const LocalClock* clock,
                  absl::FunctionRef<Minute(Minute)> next_allowed) {
  // The candidates are `from`, then the start of each following local hour
  // (found from the local minute, so half-hour zones work too); at most a
  // week of them. Minutes and shares sit in arrays of their own: a struct
  // of both, written in two parts and read back whole, stalled every
  // iteration on store forwarding.
  constexpr int kMostCandidates = kHoursOfWeek + 1;
  std::array<Minute, kMostCandidates> minutes;
  std::array<double, kMostCandidates> share;  // -1 once tried
  int count = 0;
  const Minute end = from + std::min<Minute>(horizon, kHoursOfWeek * 60);
  // Within one offset (no daylight-saving change before the end), local is
  // UTC plus that offset: no look-up per hour.
  const bool one_offset = clock == nullptr || clock->SameOffsetBetween(from, end);
  const Minute offset = clock == nullptr ? 0 : clock->ToLocal(from) - from;
  if (one_offset) {
    // Each candidate after the first starts the next local hour.
    const Minute local = from + offset;
    int hour = HourOfWeek(local);
    for (Minute candidate = from; candidate < end && count < kMostCandidates;
         hour = hour + 1 == kHoursOfWeek ? 0 : hour + 1) {
      minutes[count] = candidate;
      share[count++] = shares.At(hour);
      candidate += candidate == from ? 60 - LocalClock::MinuteOfDay(local) % 60 : 60;
    }
  } else {
    for (Minute candidate = from; candidate < end && count < kMostCandidates;) {
      const Minute local = clock->ToLocal(candidate);
      minutes[count] = candidate;
      share[count++] = shares.At(HourOfWeek(local));
      candidate += 60 - LocalClock::MinuteOfDay(local) % 60;
    }
  }
  // Best first, the earliest of equals, so that the rules (a dry run) are
  // asked as few times as they can be: mostly once, or not at all when
  // `from` (allowed) is best. A refusal rules out every hour up to the
  // minute the rules name.
  for (int tries = 0; tries < count; ++tries) {
    int best = -1;
    for (int index = 0; index < count; ++index) {
      if (share[index] >= 0 && (best < 0 || share[index] > share[best])) best = index;
    }
    if (best < 0) break;
    const Minute asked = minutes[best];
    if (asked == from) return from;
    const Minute next = next_allowed(asked);
    if (next == asked) return asked;
    for (int index = best; index < count && minutes[index] < next; ++index) share[index] = -1;
  }
  return from;
}

}  // namespace tact
