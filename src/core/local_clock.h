// A time zone's UTC offsets as a table of transitions, built once from
// Abseil's zone data, so that a decision converts between UTC and local
// minutes with integer arithmetic and one table look-up instead of a
// time-zone library call. Covers every time tact accepts (kEarliestTime to
// kLatestTime).
//
// Thread safety: immutable after Build; share freely.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/minutes.h"

namespace tact {

// Why `zone` is refused for a person although the zone database knows it:
// the legacy names (EST, MST, HST, CET, EST5EDT, …, Etc/GMT+5) keep a fixed
// offset or a generic rule, not the daylight-saving time of any place where
// people live, so quiet hours would drift by an hour for half the year.
// Empty for every other name. The message suggests a city zone.
std::string LegacyZoneProblem(absl::string_view zone);

class LocalClock {
 public:
  // The clock for an IANA zone name. Clocks are built once per name and
  // cached for the life of the process, as Abseil caches the zones.
  // Errors: InvalidArgument naming an unknown zone.
  static absl::StatusOr<std::shared_ptr<const LocalClock>> ForZone(absl::string_view name);

  // Builds the table for `zone` (prefer ForZone, which shares them).
  static std::shared_ptr<const LocalClock> Build(const absl::TimeZone& zone, std::string name);

  const std::string& name() const { return name_; }

  // Local time at `utc`, as minutes since 1970-01-01 00:00 local.
  Minute ToLocal(Minute utc) const { return utc + OffsetAt(utc); }

  // The earliest UTC minute at or after `not_before` whose local time is
  // `local`. A local time the clocks skip maps to the jump; a local time that
  // happens twice maps to its first occurrence not before `not_before`.
  // kNever when no such minute exists.
  Minute FromLocal(Minute local, Minute not_before) const;

  // Whether the offset is the same at every minute from `from` to `to`
  // (no daylight-saving change between them).
  bool SameOffsetBetween(Minute from, Minute to) const { return PeriodOf(from) == PeriodOf(to); }

  // Minutes since local midnight, 0 to 1439, for a local minute.
  static int MinuteOfDay(Minute local) {
    const int minute = local % kMinutesPerDay;
    return minute < 0 ? minute + kMinutesPerDay : minute;
  }
  // Monday = 0 … Sunday = 6, for a local minute.
  static int Weekday(Minute local) {
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    const int day = (local - MinuteOfDay(local)) / kMinutesPerDay;
    const int weekday = (day + 3) % 7;
    return weekday < 0 ? weekday + 7 : weekday;
  }

 private:
  static constexpr int kMinutesPerDay = 24 * 60;
  // The table of periods is indexed by UTC minute in buckets of 2^16
  // minutes (45 days): a bucket names the period at its start, and the
  // transitions inside it (at most a couple) are stepped over.
  static constexpr int kBucketBits = 16;

  int OffsetAt(Minute utc) const { return offsets_[PeriodOf(utc)]; }  // minutes east of UTC
  // How many transitions are at or before `utc`.
  size_t PeriodOf(Minute utc) const {
    const size_t bucket = static_cast<uint32_t>(utc) >> kBucketBits;  // before 1970: huge
    if (bucket >= period_at_bucket_.size()) {
      return std::upper_bound(transitions_.begin(), transitions_.end(), utc) - transitions_.begin();
    }
    size_t period = period_at_bucket_[bucket];
    while (period < transitions_.size() && transitions_[period] <= utc) ++period;
    return period;
  }

  std::string name_;
  std::vector<Minute> transitions_;         // UTC minute at which period i + 1 begins
  std::vector<int> offsets_;                // offset of each period; one more than transitions_
  std::vector<uint16_t> period_at_bucket_;  // PeriodOf(bucket << kBucketBits)
};

}  // namespace tact
