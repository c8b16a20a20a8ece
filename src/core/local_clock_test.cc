#include "core/local_clock.h"

#include <gtest/gtest.h>

#include <random>

namespace tact {
namespace {

constexpr const char* kZones[] = {"UTC",
                                  "Europe/Berlin",
                                  "America/New_York",
                                  "America/Sao_Paulo",
                                  "Asia/Kolkata",
                                  "Asia/Kathmandu",
                                  "Australia/Lord_Howe",
                                  "Pacific/Chatham",
                                  "America/St_Johns",
                                  "Africa/Casablanca",
                                  "Asia/Tokyo",
                                  "Pacific/Apia"};

TEST(LocalClockTest, AgreesWithAbseilEverywhere) {
  std::mt19937_64 random(7);
  for (const char* name : kZones) {
    auto clock = LocalClock::ForZone(name);
    ASSERT_TRUE(clock.ok()) << name;
    absl::TimeZone zone;
    ASSERT_TRUE(absl::LoadTimeZone(name, &zone));
    for (int sample = 0; sample < 20000; ++sample) {
      const Minute utc = static_cast<Minute>(random() % ToMinute(kLatestTime));
      const absl::CivilMinute expected = absl::ToCivilMinute(FromMinute(utc), zone);
      const absl::CivilMinute actual = absl::CivilMinute(1970, 1, 1, 0, 0) + (*clock)->ToLocal(utc);
      ASSERT_EQ(actual, expected) << name << " at " << FormatUtc(FromMinute(utc));
      ASSERT_EQ(LocalClock::Weekday((*clock)->ToLocal(utc)),
                static_cast<int>(absl::GetWeekday(absl::CivilDay(expected))));
      // Back again: the first occurrence of that local minute, not before
      // an hour earlier, is `utc` itself or an earlier repeat of it.
      const Minute back = (*clock)->FromLocal((*clock)->ToLocal(utc), utc - 180);
      ASSERT_LE(back, utc) << name;
      ASSERT_EQ((*clock)->ToLocal(back), (*clock)->ToLocal(utc)) << name;
    }
  }
}

TEST(LocalClockTest, AgreesWithAbseilAroundEveryTransition) {
  for (const char* name : kZones) {
    auto clock = LocalClock::ForZone(name);
    ASSERT_TRUE(clock.ok()) << name;
    absl::TimeZone zone;
    ASSERT_TRUE(absl::LoadTimeZone(name, &zone));
    absl::Time at = kEarliestTime;
    absl::TimeZone::CivilTransition transition;
    int transitions = 0;
    while (zone.NextTransition(at, &transition)) {
      // The clocks change at civil `from`, read with the offset before.
      const absl::Time instant =
          absl::FromCivil(transition.from, absl::UTCTimeZone()) - absl::Seconds(zone.At(at).offset);
      if (instant >= kLatestTime || instant <= at) break;
      for (const Minute utc : {ToMinute(instant) - 1, ToMinute(instant), ToMinute(instant) + 1}) {
        const absl::CivilMinute expected = absl::ToCivilMinute(FromMinute(utc), zone);
        ASSERT_EQ(absl::CivilMinute(1970, 1, 1, 0, 0) + (*clock)->ToLocal(utc), expected)
            << name << " at " << FormatUtc(FromMinute(utc));
      }
      at = instant;
      ++transitions;
    }
    if (std::string(name) == "Africa/Casablanca") EXPECT_GT(transitions, 100);  // Ramadan too
  }
}

TEST(LocalClockTest, MinuteOfDayAndWeekdayBeforeTheEpoch) {
  EXPECT_EQ(LocalClock::MinuteOfDay(-1), 24 * 60 - 1);
  EXPECT_EQ(LocalClock::Weekday(-1), 2);  // 1969-12-31 23:59, a Wednesday
  EXPECT_EQ(LocalClock::Weekday(-7 * 24 * 60), 3);
  EXPECT_EQ(LocalClock::Weekday(0), 3);
}

// A civil minute read as UTC, in minutes: both "local" and UTC instants below.
Minute MinuteOf(int year, int month, int day, int hour, int minute) {
  return ToMinute(
      absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), absl::UTCTimeZone()));
}

TEST(LocalClockTest, SkippedLocalTimeMapsToTheJump) {
  const auto berlin = *LocalClock::ForZone("Europe/Berlin");
  // 2027-03-28 02:30 does not exist in Berlin; clocks jump at 01:00 UTC.
  const Minute local = MinuteOf(2027, 3, 28, 2, 30);
  const Minute jump = MinuteOf(2027, 3, 28, 1, 0);
  EXPECT_EQ(berlin->FromLocal(local, 0), jump);
}

TEST(LocalClockTest, RepeatedLocalTimeMapsToTheFirstOccurrenceNotBefore) {
  const auto berlin = *LocalClock::ForZone("Europe/Berlin");
  // 2027-10-31 02:30 happens at 00:30 UTC (summer time) and 01:30 UTC.
  const Minute local = MinuteOf(2027, 10, 31, 2, 30);
  const Minute first = MinuteOf(2027, 10, 31, 0, 30);
  EXPECT_EQ(berlin->FromLocal(local, 0), first);
  EXPECT_EQ(berlin->FromLocal(local, first + 1), first + 60);
}

TEST(LocalClockTest, UnknownZone) {
  EXPECT_EQ(LocalClock::ForZone("Mars/Olympus").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tact
