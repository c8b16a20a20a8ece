#include "core/minutes.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

namespace tact {
namespace {

TEST(FormatUtcTest, MatchesAbseilAcrossTheAcceptedYears) {
  std::mt19937_64 random(7);
  const int64_t first = absl::ToUnixSeconds(kEarliestTime);
  const int64_t last = absl::ToUnixSeconds(kLatestTime) - 1;
  std::uniform_int_distribution<int64_t> second(first, last);
  for (int index = 0; index < 200000; ++index) {
    const absl::Time time =
        absl::FromUnixSeconds(second(random)) + absl::Milliseconds(index % 1000);
    ASSERT_EQ(FormatUtc(time), absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", time, absl::UTCTimeZone()))
        << absl::ToUnixSeconds(time);
  }
  for (const char* edge : {"1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2100-03-01T00:00:00Z",
                           "2199-12-31T23:59:59Z", "2024-12-31T12:00:00Z"}) {
    auto parsed = ParseUtc(edge);
    ASSERT_TRUE(parsed.ok()) << edge;
    EXPECT_EQ(FormatUtc(*parsed), edge);
  }
}

TEST(FormatUtcTest, WritesIntoABufferOnlyWithinTheAcceptedYears) {
  char text[kUtcTextSize] = {};
  ASSERT_TRUE(FormatUtcTo(*ParseUtc("2031-07-04T05:06:07Z"), text));
  EXPECT_EQ(std::string(text, kUtcTextSize), "2031-07-04T05:06:07Z");
  EXPECT_FALSE(FormatUtcTo(kLatestTime, text));
  EXPECT_FALSE(FormatUtcTo(kEarliestTime - absl::Seconds(1), text));
  EXPECT_EQ(std::string(text, kUtcTextSize), "2031-07-04T05:06:07Z");  // untouched
  EXPECT_EQ(FormatUtc(kEarliestTime - absl::Seconds(1)), "1969-12-31T23:59:59Z");
}

TEST(ParseUtcTest, AgreesWithAbseilOnValidAndInvalidTimes) {
  std::mt19937_64 random(11);
  std::uniform_int_distribution<int> year(1960, 2210), month(0, 13), day(0, 32), hour(0, 25),
      minute(0, 61);
  for (int index = 0; index < 100000; ++index) {
    char text[32];
    std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02dZ", year(random), month(random),
                  day(random), hour(random), minute(random), minute(random));
    absl::Time expected;
    std::string error;
    const bool valid = absl::ParseTime(absl::RFC3339_full, text, &expected, &error) &&
                       expected >= kEarliestTime && expected < kLatestTime;
    const auto parsed = ParseUtc(text);
    ASSERT_EQ(parsed.ok(), valid) << text;
    if (valid) {
      ASSERT_EQ(*parsed, expected) << text;
    }
  }
  // Offsets and fractions go through Abseil's parser.
  EXPECT_EQ(FormatUtc(*ParseUtc("2027-03-01T10:00:00+01:00")), "2027-03-01T09:00:00Z");
  EXPECT_EQ(FormatUtc(*ParseUtc("2027-03-01T10:00:00.5Z")), "2027-03-01T10:00:00Z");
  EXPECT_FALSE(ParseUtc("2027-02-29T10:00:00Z").ok());
  EXPECT_TRUE(ParseUtc("2028-02-29T10:00:00Z").ok());
}

TEST(FormatUtcTest, TimesOutsideTheRangeStillFormat) {
  EXPECT_EQ(FormatUtc(absl::FromUnixSeconds(-1)), "1969-12-31T23:59:59Z");
}

}  // namespace
}  // namespace tact
