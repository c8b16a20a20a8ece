#include "store/reputation.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

constexpr Minute kHour = 60;
constexpr Minute kDay = 24 * kHour;

ComplaintGuard Guard() {
  ComplaintGuard guard;
  guard.rate_max = 0.01;
  guard.window = absl::Hours(24 * 7);
  guard.min_sent = 100;
  return guard;
}

TEST(ReputationTrackerTest, ARateCountsTheWindowUpToNowAndNotHoursAhead) {
  ReputationTracker tracker;
  const Minute start = 1000 * kDay;
  for (int i = 0; i < 300; ++i) tracker.CountSend("spring", "acme.example", start);
  tracker.CountComplaint("spring", "acme.example", start);
  // Booked for two days later: not yet sent when the decision reads.
  for (int i = 0; i < 50; ++i) tracker.CountSend("spring", "acme.example", start + 2 * kDay);

  const Signals now = tracker.SignalsFor("spring", "acme.example", Guard(), start + kHour);
  ASSERT_TRUE(now.campaign && now.domain);
  EXPECT_EQ(now.campaign->sent, 300);
  EXPECT_EQ(now.campaign->complaints, 1);
  EXPECT_EQ(now.domain->sent, 300);

  const Signals later = tracker.SignalsFor("spring", "acme.example", Guard(), start + 3 * kDay);
  EXPECT_EQ(later.campaign->sent, 350);
}

TEST(ReputationTrackerTest, HoursThatLeaveTheWindowStopCountingAndNewOnesAdd) {
  ReputationTracker tracker;
  const Minute start = 1000 * kDay;
  for (int i = 0; i < 200; ++i) tracker.CountSend("spring", "", start);
  tracker.CountComplaint("spring", "", start);
  tracker.CountComplaint("spring", "", start);
  EXPECT_FALSE(tracker.SignalsFor("spring", "", Guard(), start).domain) << "empty names not kept";

  // Eight days on, the first hour has left the 7-day window.
  const Minute later = start + 8 * kDay;
  for (int i = 0; i < 120; ++i) tracker.CountSend("spring", "", later);
  const Signals signals = tracker.SignalsFor("spring", "", Guard(), later);
  EXPECT_EQ(signals.campaign->sent, 120);
  EXPECT_EQ(signals.campaign->complaints, 0);
  // Read again: the dropped hours are not subtracted twice.
  EXPECT_EQ(tracker.SignalsFor("spring", "", Guard(), later).campaign->sent, 120);
}

TEST(ReputationTrackerTest, AnOverLimitRateSaysWhenItClears) {
  ReputationTracker tracker;
  const Minute start = 1000 * kDay;
  for (int i = 0; i < 100; ++i) tracker.CountSend("spring", "", start);
  for (int i = 0; i < 3; ++i) tracker.CountComplaint("spring", "", start);
  for (int i = 0; i < 100; ++i) tracker.CountSend("spring", "", start + kDay);
  const Signals signals = tracker.SignalsFor("spring", "", Guard(), start + kDay);
  ASSERT_TRUE(OverComplaintLimit(Guard(), *signals.campaign));
  // The complaints' hour leaves the window a week after it ended; then 100
  // sends remain and no complaint.
  EXPECT_EQ(signals.campaign->clears_at, start + kHour + 7 * kDay);
}

}  // namespace
}  // namespace tact
