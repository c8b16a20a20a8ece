// Public holidays from an iCalendar file (RFC 5545), as `[quiet_hours]
// holidays` names one per country or region: each VEVENT is a holiday on the
// days from its DTSTART to its DTEND (exclusive; one day without), repeated
// by its RRULE up to kLastHolidayYear; its SUMMARY is the holiday's name.
// Parsed with libical; no clock and no file is read here.
//
// Thread safety: a loaded Holidays is immutable.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/day.h"

namespace tact {

// Recurring holidays are expanded up to the end of this year.
inline constexpr int kLastHolidayYear = 2100;
// A longer event is not a holiday: the calendar is likely the wrong one.
inline constexpr int kMaxHolidayDays = 31;

class Holidays {
 public:
  // Errors: InvalidArgument naming `source` and what is wrong (not
  // iCalendar, no VEVENT with a date, an event longer than kMaxHolidayDays).
  static absl::StatusOr<Holidays> Parse(absl::string_view text, absl::string_view source);

  // The holiday's name on local day `day`, or null; valid while this lives.
  const std::string* NameOn(Day day) const;
  size_t size() const { return days_.size(); }
  // The first and last holiday (Parse refuses a calendar with none).
  Day first_day() const { return days_.front().first; }
  Day last_day() const { return days_.back().first; }

 private:
  std::vector<std::pair<Day, std::string>> days_;  // sorted by day, each day once
};

}  // namespace tact
