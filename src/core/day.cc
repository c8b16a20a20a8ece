#include "core/day.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tact {

namespace {

const absl::CivilDay kEpoch(1970, 1, 1);

}  // namespace

absl::CivilDay CivilOf(Day day) { return kEpoch + day; }

std::string FormatDay(Day day) {
  const absl::CivilDay civil = CivilOf(day);
  return absl::StrFormat("%04d-%02d-%02d", civil.year(), civil.month(), civil.day());
}

absl::StatusOr<Day> ParseDay(absl::string_view text) {
  absl::CivilDay civil;
  // ParseCivilTime normalises 2023-02-30 to March: a real date formats back
  // as it was written.
  if (text.size() == 10 && absl::ParseCivilTime(text, &civil) &&
      FormatDay(static_cast<Day>(civil - kEpoch)) == text) {
    return static_cast<Day>(civil - kEpoch);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("'", text, "' is not a day; write YYYY-MM-DD (UTC)"));
}

Day DayOfMinute(Minute minute) {
  constexpr Minute kPerDay = 24 * 60;
  // Floor division: minutes before the epoch belong to earlier days.
  return static_cast<Day>(minute >= 0 ? minute / kPerDay : (minute - kPerDay + 1) / kPerDay);
}

Minute FirstMinuteOf(Day day) { return static_cast<Minute>(day) * 24 * 60; }

namespace {
// The first day of the `length`-day period holding `day`, periods starting
// on `offset` (also before 1970).
Day PeriodStart(Day day, int length, int offset) {
  const int64_t shifted = int64_t{day} - offset;
  const int64_t start = shifted - ((shifted % length) + length) % length;
  return static_cast<Day>(start + offset);
}
}  // namespace

// 1970-01-05 (day 4) was a Monday.
Day WeekOf(Day day) { return PeriodStart(day, kWeekDays, 4); }
Day ThirtyDaysOf(Day day) { return PeriodStart(day, kPeriodDays, 0); }

}  // namespace tact
