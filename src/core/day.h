// Calendar days as days since 1970-01-01, written "2026-11-24": the mirror's
// days (UTC) and the periods of reported financial facts.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "core/minutes.h"

namespace tact {

using Day = int32_t;

std::string FormatDay(Day day);
// "YYYY-MM-DD", a real date only ("2023-02-30" is refused). Errors:
// InvalidArgument naming the form to write.
absl::StatusOr<Day> ParseDay(absl::string_view text);
absl::CivilDay CivilOf(Day day);

// The UTC day a minute falls on, and the first minute of a day.
Day DayOfMinute(Minute minute);
Minute FirstMinuteOf(Day day);

// The periods over which the mirror counts touches per person: weeks from
// Monday to Sunday (UTC), and 30-day periods counted from 1970-01-01 (so
// that a policy whose longest window is 30 days keeps every touch of the
// current period). Each returns the period's first day.
Day WeekOf(Day day);
Day ThirtyDaysOf(Day day);
inline constexpr int kWeekDays = 7, kPeriodDays = 30;

}  // namespace tact
