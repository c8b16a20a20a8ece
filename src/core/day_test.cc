#include "core/day.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

Day D(absl::string_view text) { return ParseDay(text).value(); }

TEST(DayTest, WeeksRunFromMondayToSunday) {
  EXPECT_EQ(WeekOf(D("2026-11-30")), D("2026-11-30"));  // a Monday
  EXPECT_EQ(WeekOf(D("2026-12-03")), D("2026-11-30"));
  EXPECT_EQ(WeekOf(D("2026-12-06")), D("2026-11-30"));  // the Sunday after
  EXPECT_EQ(WeekOf(D("2026-12-07")), D("2026-12-07"));
  EXPECT_EQ(WeekOf(D("1970-01-01")), D("1969-12-29"));  // before the first Monday
  EXPECT_EQ(WeekOf(D("1969-12-28")), D("1969-12-22"));
}

TEST(DayTest, ThirtyDayPeriodsAreContiguousAndThirtyDaysLong) {
  EXPECT_EQ(ThirtyDaysOf(0), 0);
  EXPECT_EQ(ThirtyDaysOf(29), 0);
  EXPECT_EQ(ThirtyDaysOf(30), 30);
  EXPECT_EQ(ThirtyDaysOf(-1), -30);
  const Day day = D("2026-12-04");
  EXPECT_LE(ThirtyDaysOf(day), day);
  EXPECT_GT(ThirtyDaysOf(day) + kPeriodDays, day);
  EXPECT_EQ(ThirtyDaysOf(day) % kPeriodDays, 0);
}

}  // namespace
}  // namespace tact
