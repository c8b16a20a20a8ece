#include "engine/best_at.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

// Quiet 20:00-08:00 on weekdays, all weekend; a person in Berlin (UTC+1 in
// early March 2027; 2027-03-01 is a Monday).
const char* kPolicy = R"(
[[budget]]
scope = "all"
window = "1d"
max = 1
[quiet_hours]
weekdays = "20:00-08:00"
weekends = "all-day"
[send_time]
horizon = "24h"
)";

class BestAtTest : public ::testing::Test {
 protected:
  Decision DecideAt(Touch touch) {
    return Decide(policy_, person_, nullptr, history_, touch, *touch.at, &signals_);
  }
  // A person who reads at 07:00 and 18:00 local on weekdays, mostly at 18:00.
  void ReadsInTheEvening() {
    for (int day = 1; day <= 5; ++day) {
      const Minute evening =
          ToMinute(absl::FromCivil(absl::CivilMinute(2027, 3, day, 18, 5), absl::UTCTimeZone()));
      for (int reply = 0; reply < 8; ++reply) {
        history_.CountReading(EngagementKind::kReply, evening, DayOfMinute(evening));
      }
      history_.CountReading(EngagementKind::kReply, evening - 11 * 60, DayOfMinute(evening));
    }
  }
  Policy policy_ = PolicyFrom(kPolicy);
  Person person_ = PersonIn("Europe/Berlin");
  History history_;
  Signals signals_;
};

TEST_F(BestAtTest, ASendCarriesTheHourThePersonReads) {
  ReadsInTheEvening();
  // Asked on Tuesday at 09:30 Berlin: allowed now, best at 18:00.
  const Decision decision =
      DecideAt(MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T08:30:00Z")));
  EXPECT_EQ(decision.outcome, Outcome::kSend);
  ASSERT_TRUE(decision.best_at.has_value());
  EXPECT_EQ(*decision.best_at, T("2027-03-02T17:00:00Z"));
}

TEST_F(BestAtTest, WithoutDataTheWorkingWeekAndNeverInsideQuietHours) {
  // Asked on Friday at 19:30 Berlin: the weekend is quiet, so within 24h
  // nothing beats... the rest of Friday evening, the only time allowed.
  const Decision friday =
      DecideAt(MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-05T18:30:00Z")));
  EXPECT_EQ(friday.outcome, Outcome::kSend);
  EXPECT_EQ(*friday.best_at, T("2027-03-05T18:30:00Z"));
  // Asked on Monday at 16:10: the working week's best hour within a day is
  // Tuesday 09:00 local (08:00 UTC), after quiet hours end at 08:00.
  const Decision monday =
      DecideAt(MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-01T15:10:00Z")));
  EXPECT_EQ(*monday.best_at, T("2027-03-02T08:00:00Z"));
}

TEST_F(BestAtTest, ADeferLooksFromItsNotBefore) {
  ReadsInTheEvening();
  history_.Record(Past(T("2027-03-02T08:00:00Z")));  // the daily budget is spent until 09:00
  const Decision decision =
      DecideAt(MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T12:00:00Z")));
  EXPECT_EQ(decision.outcome, Outcome::kDefer);
  EXPECT_EQ(decision.not_before, T("2027-03-03T08:00:00Z"));
  // From Wednesday 09:00 local the best is 18:00 local.
  EXPECT_EQ(*decision.best_at, T("2027-03-03T17:00:00Z"));
}

TEST_F(BestAtTest, BestAtRespectsExpiresAndTheKindsItAppliesTo) {
  ReadsInTheEvening();
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T08:30:00Z"));
  touch.expires = T("2027-03-02T12:00:00Z");
  const Decision expiring = DecideAt(touch);
  EXPECT_LE(*expiring.best_at, T("2027-03-02T12:00:00Z"));
  // Transactional touches go when asked; calls are not read later.
  EXPECT_FALSE(DecideAt(MakeTouch(Channel::kEmail, Kind::kTransactional, T("2027-03-02T08:30:00Z")))
                   .best_at.has_value());
  EXPECT_FALSE(DecideAt(MakeTouch(Channel::kCall, Kind::kPromotional, T("2027-03-02T08:30:00Z")))
                   .best_at.has_value());
  // Without [send_time], nothing.
  policy_ = PolicyFrom("[quiet_hours]\nweekdays = \"20:00-08:00\"\n");
  EXPECT_FALSE(DecideAt(MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T08:30:00Z")))
                   .best_at.has_value());
}

TEST_F(BestAtTest, AtBestWaitsForTheBestMomentOnTheFirstAskOnly) {
  ReadsInTheEvening();
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T08:30:00Z"));
  touch.at_best = true;
  const Decision first = DecideAt(touch);
  EXPECT_EQ(first.outcome, Outcome::kDefer);
  EXPECT_EQ(first.not_before, T("2027-03-02T17:00:00Z"));
  EXPECT_FALSE(first.record.has_value());
  ASSERT_EQ(first.reasons.size(), 1u);
  EXPECT_EQ(first.reasons[0].rule, "send_time.best");
  // Asked again then, having been asked first in the morning: it goes.
  touch.first_asked = touch.at;
  touch.at = first.not_before;
  const Decision again = DecideAt(touch);
  EXPECT_EQ(again.outcome, Outcome::kSend);
  EXPECT_TRUE(again.record.has_value());
}

TEST_F(BestAtTest, ACohortPriorMovesThePersonWithoutDataOfTheirOwn) {
  // People like them read on Monday at 17:00 local.
  SendTimePrior evening;
  evening.share[17] = 1;
  signals_.reading_prior = &evening;
  const Decision decision =
      DecideAt(MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-01T08:00:00Z")));
  EXPECT_EQ(*decision.best_at, T("2027-03-01T16:00:00Z"));
}

}  // namespace
}  // namespace tact
