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

}  // namespace tact
