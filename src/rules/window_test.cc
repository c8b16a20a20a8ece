#include "rules/window.h"

#include <gtest/gtest.h>

#include <vector>

namespace tact {
namespace {

TEST(WindowTest, CountsTouchesStrictlyInsideTheWindow) {
  const std::vector<Minute> minutes = {100, 200, 300};
  EXPECT_EQ(CountInWindow(minutes, 300, 100), 1);  // 200 is exactly one window back: out
  EXPECT_EQ(CountInWindow(minutes, 300, 101), 2);
  EXPECT_EQ(CountInWindow(minutes, 99, 1000), 0);
}

TEST(WindowTest, FitsUpToTheLimitAndNotOnePast) {
  const std::vector<Minute> two = {0, 10};
  EXPECT_TRUE(FitsWindow(two, 20, 100, 3));  // third of three
  const std::vector<Minute> three = {0, 10, 20};
  EXPECT_FALSE(FitsWindow(three, 30, 100, 3));  // fourth of three
  EXPECT_FALSE(FitsWindow(three, 99, 100, 3));  // 0 is 99 minutes back: still inside
  EXPECT_TRUE(FitsWindow(three, 100, 100, 3));  // 0 has left the window
}

TEST(WindowTest, ZeroMaxNeverFits) {
  EXPECT_FALSE(FitsWindow({}, 0, 10, 0));
  EXPECT_EQ(EarliestFit({}, 0, 10, 0), kNever);
}

TEST(WindowTest, EarliestFitIsWhenTheOldestTouchLeaves) {
  const std::vector<Minute> three = {0, 10, 20};
  EXPECT_EQ(EarliestFit(three, 30, 100, 3), 100);
  EXPECT_EQ(EarliestFit(three, 105, 100, 3), 105);
  EXPECT_EQ(EarliestFit(three, 30, 100, 2), 110);  // two must leave
}

TEST(WindowTest, ScheduledTouchesAheadCountToo) {
  // A touch already booked at 150 means 120 would put 3 within 100 minutes.
  const std::vector<Minute> minutes = {60, 150};
  EXPECT_FALSE(FitsWindow(minutes, 120, 100, 2));
  EXPECT_TRUE(FitsWindow(minutes, 40, 200, 3));
  // 50 is allowed: 150 is exactly 100 later, so not in the same window.
  EXPECT_TRUE(FitsWindow(std::vector<Minute>{150}, 50, 100, 1));
  EXPECT_FALSE(FitsWindow(std::vector<Minute>{150}, 51, 100, 1));
  EXPECT_EQ(EarliestFit(minutes, 120, 100, 2), 160);
}

}  // namespace
}  // namespace tact
