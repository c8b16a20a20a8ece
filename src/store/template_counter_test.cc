#include "store/template_counter.h"

#include <gtest/gtest.h>

#include "testing/fixtures.h"

namespace tact {
namespace {

using testing::T;

Minute At(const std::string& time) { return ToMinute(T(time)); }

TEST(TemplateCounterTest, CountsRecipientsPerDayWithinTheWindow) {
  TemplateCounter counter;
  const uint64_t text = 0xfeedface12345678ull;
  counter.Add(text, At("2027-03-01T09:00:00Z"));
  counter.Add(text, At("2027-03-01T17:00:00Z"));
  counter.Add(text, At("2027-03-10T09:00:00Z"));
  EXPECT_EQ(counter.Count(text, At("2027-03-10T12:00:00Z"), 30), 3);
  // A 10-day window ending March 10th starts on March 1st; 9 days leave it out.
  EXPECT_EQ(counter.Count(text, At("2027-03-10T12:00:00Z"), 10), 3);
  EXPECT_EQ(counter.Count(text, At("2027-03-10T12:00:00Z"), 9), 1);
  // Thirty days on, March 1st has left a 30-day window.
  EXPECT_EQ(counter.Count(text, At("2027-03-31T00:00:00Z"), 30), 1);
  EXPECT_EQ(counter.Count(text, At("2027-04-08T23:59:00Z"), 30), 1);
  EXPECT_EQ(counter.Count(text, At("2027-04-09T00:00:00Z"), 30), 0);
  EXPECT_EQ(counter.Count(0xabcull, At("2027-03-10T12:00:00Z"), 30), 0);
  // Sixty-four days later the ring wrapped; old days must not come back.
  counter.Add(text, At("2027-05-20T09:00:00Z"));
  EXPECT_EQ(counter.Count(text, At("2027-05-20T10:00:00Z"), 60), 1);
}

TEST(TemplateCounterTest, StaysBoundedAndForgetsTheRarestTextsFirst) {
  TemplateCounter counter(64);  // eight sets of eight
  ASSERT_EQ(counter.capacity(), 64u);
  const Minute day = At("2027-03-01T09:00:00Z");
  // A template sent to 40 people, then 5,000 one-off personal texts.
  const uint64_t script = 0x5c219700000001ull;
  for (int person = 0; person < 40; ++person) counter.Add(script, day);
  for (uint64_t text = 1; text <= 5000; ++text) counter.Add(text * 0x9E3779B97F4A7C15ull, day);
  EXPECT_EQ(counter.Count(script, day, 30), 40);
  // Some one-off texts were forgotten: they count 0 (an undercount), never more than 1.
  int forgotten = 0;
  for (uint64_t text = 1; text <= 5000; ++text) {
    const int64_t count = counter.Count(text * 0x9E3779B97F4A7C15ull, day, 30);
    EXPECT_LE(count, 1);
    if (count == 0) ++forgotten;
  }
  EXPECT_GE(forgotten, 5000 - 64);
}

}  // namespace
}  // namespace tact
