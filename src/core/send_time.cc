#include "core/send_time.h"

#include <algorithm>
#include <cmath>

#include "core/local_clock.h"

namespace tact {
namespace {

// Weights are kept in eighths of an open; an hour saturates at 255 (about
// 32 opens), and every hour is halved then, so shares stay right.
constexpr double kUnitsPerEngagement = 8;

int UnitsOf(EngagementKind engagement) {
  switch (engagement) {
    case EngagementKind::kOpen:
      return 8;
    case EngagementKind::kClick:
      return 16;
    case EngagementKind::kReply:
      return 32;
  }
  return 8;
}

double Fade(Day from, Day to) {
  if (to <= from) return 1;
  return std::exp2(-static_cast<double>(to - from) / kSendTimeHalfLifeDays);
}

}  // namespace

int HourOfWeek(Minute local) {
  return LocalClock::Weekday(local) * 24 + LocalClock::MinuteOfDay(local) / 60;
}

void SendTimeProfile::FadeTo(Day day) {
  if (Empty()) {
    as_of_ = day;
    return;
  }
  if (day <= as_of_) return;
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
  const double own = profile.TotalAt(day);
  std::array<double, kHoursOfWeek> shares{};
  for (int hour = 0; hour < kHoursOfWeek; ++hour) {
    shares[hour] = (profile.WeightAt(hour, day) + kPriorEngagements * prior.share[hour]) /
                   (own + kPriorEngagements);
  }
  return shares;
}

Minute BestMinute(const std::array<double, kHoursOfWeek>& shares, Minute from, Minute horizon,
                  absl::FunctionRef<Minute(Minute)> to_local,
                  absl::FunctionRef<bool(Minute)> allowed) {
  Minute best = from;
  double best_share = -1;
  // The first candidate is `from`; then the start of each following local
  // hour (found from the local minute, so half-hour zones work too).
  Minute candidate = from;
  while (candidate < from + horizon) {
    const Minute local = to_local(candidate);
    const double share = shares[HourOfWeek(local)];
    if (share > best_share && allowed(candidate)) {
      best = candidate;
      best_share = share;
    }
    candidate += 60 - LocalClock::MinuteOfDay(local) % 60;
  }
  return best;
}

}  // namespace tact
