#include "policy/holidays.h"

#include <gtest/gtest.h>

#include "absl/time/civil_time.h"

namespace tact {
namespace {

Day D(int year, int month, int day) {
  return static_cast<Day>(absl::CivilDay(year, month, day) - absl::CivilDay(1970));
}

constexpr char kCalendar[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20261225\r\n"
    "RRULE:FREQ=YEARLY\r\nSUMMARY:Christmas Day\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:b@x\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20270326\r\n"
    "SUMMARY:Good Friday\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:c@x\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20270726\r\n"
    "DTEND;VALUE=DATE:20270729\r\nSUMMARY:Summer break\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n";

TEST(HolidaysTest, DatesRepeatsAndSpansFromICalendar) {
  absl::StatusOr<Holidays> holidays = Holidays::Parse(kCalendar, "test.ics");
  ASSERT_TRUE(holidays.ok()) << holidays.status();
  ASSERT_NE(holidays->NameOn(D(2027, 3, 26)), nullptr);
  EXPECT_EQ(*holidays->NameOn(D(2027, 3, 26)), "Good Friday");
  EXPECT_EQ(holidays->NameOn(D(2028, 3, 26)), nullptr);  // no RRULE: once
  // A yearly rule, from its first year to kLastHolidayYear.
  EXPECT_EQ(holidays->NameOn(D(2025, 12, 25)), nullptr);
  for (int year : {2026, 2030, 2100}) {
    ASSERT_NE(holidays->NameOn(D(year, 12, 25)), nullptr) << year;
    EXPECT_EQ(*holidays->NameOn(D(year, 12, 25)), "Christmas Day");
  }
  EXPECT_EQ(holidays->NameOn(D(2101, 12, 25)), nullptr);
  // DTEND is exclusive: 26, 27 and 28 July.
  EXPECT_NE(holidays->NameOn(D(2027, 7, 28)), nullptr);
  EXPECT_EQ(holidays->NameOn(D(2027, 7, 29)), nullptr);
  EXPECT_EQ(holidays->NameOn(D(2027, 7, 25)), nullptr);
}

TEST(HolidaysTest, WhatIsNotAHolidayCalendarIsRefusedWithItsName) {
  EXPECT_EQ(Holidays::Parse("hello", "x.ics").status().message(),
            "x.ics: not an iCalendar file (BEGIN:VCALENDAR … END:VCALENDAR)");
  EXPECT_EQ(Holidays::Parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "empty.ics")
                .status()
                .message(),
            "empty.ics: no holidays (VEVENT) in it");
  const std::string daily =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:d@x\r\n"
      "DTSTART;VALUE=DATE:20270101\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Every day\r\nEND:VEVENT\r\n"
      "END:VCALENDAR\r\n";
  EXPECT_EQ(Holidays::Parse(daily, "daily.ics").status().message(),
            "daily.ics: 'Every day' repeats more often than once a year");
  const std::string long_one =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e@x\r\n"
      "DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270401\r\nSUMMARY:Winter\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n";
  EXPECT_EQ(Holidays::Parse(long_one, "long.ics").status().message(),
            "long.ics: 'Winter' lasts 90 days; a holiday lasts at most 31");
}

}  // namespace
}  // namespace tact
