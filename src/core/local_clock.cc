#include "core/local_clock.h"

#include <algorithm>
#include <mutex>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace tact {
namespace {

int OffsetMinutes(const absl::TimeZone& zone, absl::Time time) {
  // Offsets since 1970 are whole minutes in every zone tact accepts times for.
  return zone.At(time).offset / 60;
}

}  // namespace

std::shared_ptr<const LocalClock> LocalClock::Build(const absl::TimeZone& zone, std::string name) {
  auto clock = std::make_shared<LocalClock>();
  clock->name_ = std::move(name);
  absl::Time at = kEarliestTime;
  clock->offsets_.push_back(OffsetMinutes(zone, at));
  absl::TimeZone::CivilTransition transition;
  while (zone.NextTransition(at, &transition)) {
    // The instant the clocks change: `from` read with the offset before it.
    const absl::Time instant = absl::FromCivil(transition.from, absl::UTCTimeZone()) -
                               absl::Minutes(clock->offsets_.back());
    if (instant >= kLatestTime || instant <= at) break;
    const int offset = OffsetMinutes(zone, instant);
    if (offset != clock->offsets_.back()) {
      clock->transitions_.push_back(ToMinute(instant));
      clock->offsets_.push_back(offset);
    }
    at = instant;
  }
  const size_t buckets = (static_cast<size_t>(ToMinute(kLatestTime)) >> kBucketBits) + 1;
  clock->period_at_bucket_.resize(buckets);
  size_t period = 0;
  for (size_t bucket = 0; bucket < buckets; ++bucket) {
    const auto start = static_cast<Minute>(bucket << kBucketBits);
    while (period < clock->transitions_.size() && clock->transitions_[period] <= start) ++period;
    clock->period_at_bucket_[bucket] = static_cast<uint16_t>(period);
  }
  return clock;
}

std::string LegacyZoneProblem(absl::string_view zone) {
  static constexpr std::pair<absl::string_view, absl::string_view> kLegacy[] = {
      {"EST", "America/New_York (or America/Panama, without daylight saving)"},
      {"MST", "America/Denver (or America/Phoenix, without daylight saving)"},
      {"HST", "Pacific/Honolulu"},
      {"EST5EDT", "America/New_York"},
      {"CST6CDT", "America/Chicago"},
      {"MST7MDT", "America/Denver"},
      {"PST8PDT", "America/Los_Angeles"},
      {"CET", "Europe/Berlin, Europe/Paris or another city's zone"},
      {"MET", "Europe/Berlin, Europe/Paris or another city's zone"},
      {"EET", "Europe/Athens, Europe/Helsinki or another city's zone"},
      {"WET", "Europe/Lisbon"},
  };
  for (const auto& [name, instead] : kLegacy) {
    if (zone == name) {
      return absl::StrCat("'", zone,
                          "' is a legacy zone that follows no place's daylight-saving time; use a "
                          "city zone: ",
                          instead);
    }
  }
  if (absl::StartsWith(zone, "Etc/GMT") && zone.size() > 7) {
    return absl::StrCat("'", zone,
                        "' is a fixed offset that follows no place's daylight-saving time; use a "
                        "city zone (e.g. America/New_York, Asia/Kolkata)");
  }
  return "";
}

absl::StatusOr<std::shared_ptr<const LocalClock>> LocalClock::ForZone(absl::string_view name) {
  static std::mutex mutex;
  static auto* clocks = new absl::flat_hash_map<std::string, std::shared_ptr<const LocalClock>>();
  std::lock_guard<std::mutex> lock(mutex);
  if (auto found = clocks->find(name); found != clocks->end()) return found->second;
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(name, &zone)) {
    return absl::InvalidArgumentError(absl::StrCat("'", name, "' is not a known IANA time zone"));
  }
  auto clock = Build(zone, std::string(name));
  clocks->emplace(name, clock);
  return clock;
}

Minute LocalClock::FromLocal(Minute local, Minute not_before) const {
  // The periods whose local span could hold `local` are next to the period
  // of the naive estimate; offsets are hours, periods months.
  const size_t estimate = PeriodOf(local - OffsetAt(local));
  const size_t first = estimate == 0 ? 0 : estimate - 1;
  const size_t last = std::min(estimate + 1, offsets_.size() - 1);
  Minute best = kNever;
  for (size_t period = first; period <= last; ++period) {
    const Minute start =
        period == 0 ? std::numeric_limits<Minute>::min() : transitions_[period - 1];
    const Minute end = period == transitions_.size() ? kNever : transitions_[period];
    const Minute utc = local - offsets_[period];
    if (utc >= start && utc < end && utc >= not_before) best = std::min(best, utc);
  }
  if (best != kNever) return best;
  // Skipped by a jump forward: the first instant after it is the jump.
  for (size_t period = std::max<size_t>(first, 1); period <= last; ++period) {
    const Minute jump = transitions_[period - 1];
    const bool skipped = local >= jump + offsets_[period - 1] && local < jump + offsets_[period];
    if (skipped && jump >= not_before) return jump;
  }
  return kNever;
}

}  // namespace tact
