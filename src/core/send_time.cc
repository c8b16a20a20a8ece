#include "core/send_time.h"

#include <algorithm>
#include <cmath>

#include "absl/container/inlined_vector.h"
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

std::array<double, kHoursOfWeek> ReadingShares(const SendTimeProfile& profile,
                                               const SendTimePrior& prior, Day day) {
  if (profile.Empty()) return prior.share;
  // Every weight fades alike: in units, over the units plus the prior's.
  const double fade = Fade(profile.as_of(), day);
  int units = 0;
  for (uint8_t weight : profile.raw()) units += weight;
  const double prior_units = kPriorEngagements * kUnitsPerEngagement;
  const double total = units * fade + prior_units;
  std::array<double, kHoursOfWeek> shares{};
  for (int hour = 0; hour < kHoursOfWeek; ++hour) {
    shares[hour] = (profile.raw()[hour] * fade + prior_units * prior.share[hour]) / total;
  }
  return shares;
}

Minute BestMinute(const std::array<double, kHoursOfWeek>& shares, Minute from, Minute horizon,
                  absl::FunctionRef<Minute(Minute)> to_local,
                  absl::FunctionRef<bool(Minute)> allowed) {
  // The candidates are `from`, then the start of each following local hour
  // (found from the local minute, so half-hour zones work too). They are
  // tried best first, so that `allowed` (a dry run of every rule) runs as
  // few times as it can.
  struct Candidate {
    Minute minute;
    double share;
  };
  absl::InlinedVector<Candidate, 32> candidates;
  for (Minute candidate = from; candidate < from + horizon;) {
    const Minute local = to_local(candidate);
    candidates.push_back({candidate, shares[HourOfWeek(local)]});
    candidate += 60 - LocalClock::MinuteOfDay(local) % 60;
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.share > b.share; });
  for (const Candidate& candidate : candidates) {
    if (allowed(candidate.minute)) return candidate.minute;
  }
  return from;
}

}  // namespace tact
