#include "rules/reputation.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "store/reputation.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

class ReputationTest : public RuleTest {
 protected:
  ReputationTest()
      : RuleTest(R"(
[reputation]
complaint_rate_max = 0.001
window = "7d"
min_sent = 1000
)") {}
  Decision DecideAt(absl::Time at, Kind kind = Kind::kPromotional) {
    Touch touch = MakeTouch(Channel::kEmail, kind, at);
    touch.campaign = "spring";
    const Signals signals =
        tracker_.SignalsFor("spring", "example.com", policy_.complaints, ToMinute(at));
    return Ask(touch, nullptr, &signals);
  }
  void Send(int count, absl::Time at) {
    for (int i = 0; i < count; ++i) tracker_.CountSend("spring", "example.com", ToMinute(at));
  }
  ReputationTracker tracker_;
};

TEST_F(ReputationTest, DefersPromotionalTouchesOfACampaignAtTheLimitUntilItClears) {
  const absl::Time monday = T("2027-03-01T10:00:00Z");
  Send(1000, monday);
  tracker_.CountComplaint("spring", "example.com", ToMinute(monday));
  // 1 complaint in 1,000 sends is the limit itself: at or above it waits.
  const Decision deferred = DecideAt(monday + absl::Hours(1));
  ASSERT_EQ(deferred.outcome, Outcome::kDefer);
  ASSERT_EQ(deferred.reasons.size(), 2u);  // the campaign and its sending domain
  EXPECT_EQ(deferred.reasons[0].rule, "reputation.complaints");
  EXPECT_EQ(deferred.reasons[0].policy_index, 0);
  EXPECT_EQ(deferred.reasons[1].policy_index, 1);
  EXPECT_EQ(deferred.reasons[0].count, 1);
  // The complaint's hour (10:00-11:00) leaves the 7-day window at 11:00 a week on.
  EXPECT_EQ(deferred.not_before, T("2027-03-08T11:00:00Z"));
  EXPECT_EQ(DecideAt(T("2027-03-08T11:00:00Z")).outcome, Outcome::kSend);
  // Kinds the guard does not cover go out.
  EXPECT_EQ(DecideAt(monday + absl::Hours(1), Kind::kTransactional).outcome, Outcome::kSend);
  EXPECT_EQ(DecideAt(monday + absl::Hours(1), Kind::kRelationship).outcome, Outcome::kSend);

  // More sends dilute the rate below the limit: the campaign goes again.
  Send(200, monday + absl::Hours(2));
  EXPECT_EQ(DecideAt(monday + absl::Hours(3)).outcome, Outcome::kSend);
}

TEST_F(ReputationTest, TheReportListsTheRateAndWhetherItThrottles) {
  const absl::Time monday = T("2027-03-01T10:00:00Z");
  Send(1000, monday);
  tracker_.CountComplaint("spring", "example.com", ToMinute(monday));
  tracker_.CountSend("autumn", "example.com", ToMinute(monday));
  const auto rows = tracker_.Report(policy_.complaints, ToMinute(monday + absl::Hours(1)));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].scope, "campaign");
  EXPECT_EQ(rows[0].name, "spring");
  EXPECT_TRUE(rows[0].throttled);
  EXPECT_EQ(rows[1].scope, "domain");
  EXPECT_EQ(rows[1].rate.sent, 1001);
  EXPECT_FALSE(rows[1].throttled);  // 1 in 1,001
  EXPECT_EQ(rows[2].name, "autumn");
}

TEST_F(ReputationTest, BelowTheLimitOrTooFewSendsToJudgeNothingWaits) {
  const absl::Time monday = T("2027-03-01T10:00:00Z");
  Send(999, monday);
  tracker_.CountComplaint("spring", "example.com", ToMinute(monday));
  // 1 in 999 is over 0.1 %, but 999 sends are too few to judge.
  EXPECT_EQ(DecideAt(monday + absl::Hours(1)).outcome, Outcome::kSend);
  Send(1500, monday);
  EXPECT_EQ(DecideAt(monday + absl::Hours(1)).outcome, Outcome::kSend);  // 1 in 2,499
}

}  // namespace
}  // namespace tact
