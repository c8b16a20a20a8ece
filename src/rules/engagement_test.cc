#include "rules/engagement.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "rules/explain.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

class EngagementTest : public RuleTest {
 protected:
  EngagementTest()
      : RuleTest(R"(
[engagement]
attribution_window = "7d"
dormant_after_ignored = 5
dormant_budget = { window = "30d", max = 1 }
)") {}
  // Five weekly promotional emails, March 1st to 29th, nobody engaging.
  void SendWeekly(int count) {
    for (int week = 0; week < count; ++week) {
      history_.Record(Past(T("2027-03-01T10:00:00Z") + absl::Hours(24 * 7 * week)));
    }
  }
  Decision DecideAt(const std::string& at, Kind kind = Kind::kPromotional) {
    return Ask(MakeTouch(Channel::kEmail, kind, T(at)));
  }
};

TEST_F(EngagementTest, CountsOnlyTouchesWhoseWindowClosedWithoutEngagement) {
  SendWeekly(5);  // the last on March 29th
  const Engagement& engagement = policy_.engagement;
  // On April 4th the fifth touch is still within its attribution window.
  EXPECT_EQ(IgnoredInARow(engagement, history_, ToMinute(T("2027-04-04T10:00:00Z"))), 4);
  EXPECT_FALSE(IsDormant(engagement, history_, ToMinute(T("2027-04-04T10:00:00Z"))));
  EXPECT_EQ(IgnoredInARow(engagement, history_, ToMinute(T("2027-04-05T10:00:00Z"))), 5);
  EXPECT_TRUE(IsDormant(engagement, history_, ToMinute(T("2027-04-05T10:00:00Z"))));
  // Transactional touches and calls cannot be ignored in this sense.
  history_.Record(Past(T("2027-03-30T10:00:00Z"), Channel::kCall, Kind::kRelationship));
  EXPECT_EQ(IgnoredInARow(engagement, history_, ToMinute(T("2027-04-20T10:00:00Z"))), 5);
}

TEST_F(EngagementTest, ADormantPersonGetsTheDormantBudgetAndOneClickRestoresIt) {
  SendWeekly(5);
  const Decision dormant = DecideAt("2027-04-06T10:00:00Z");
  ASSERT_EQ(dormant.outcome, Outcome::kDefer);
  ASSERT_EQ(dormant.reasons.size(), 1u);
  EXPECT_EQ(dormant.reasons[0].rule, "engagement.dormant");
  EXPECT_EQ(dormant.reasons[0].count, 5);
  // The dormant budget (1 per 30d) opens 30 days after the last touch.
  EXPECT_EQ(dormant.not_before, T("2027-04-28T10:00:00Z"));
  const std::string sentence = Explain(
      dormant.reasons[0],
      ExplainContext{policy_, person_, nullptr,
                     MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-04-06T10:00:00Z"))});
  EXPECT_NE(sentence.find("ignored the last 5 touches"), std::string::npos) << sentence;

  // Transactional and relationship touches are not limited by it.
  EXPECT_EQ(DecideAt("2027-04-06T10:00:00Z", Kind::kTransactional).outcome, Outcome::kSend);

  history_.RecordEngagement(ToMinute(T("2027-04-06T09:00:00Z")));
  EXPECT_EQ(DecideAt("2027-04-06T10:00:00Z").outcome, Outcome::kSend);
}

TEST_F(EngagementTest, DormancyOutlivesPruningUntilTheNextEngagement) {
  SendWeekly(5);
  history_.PruneBefore(ToMinute(T("2027-03-20T00:00:00Z")));  // forgets 3 of the 5
  ASSERT_EQ(history_.touches().size(), 2u);
  EXPECT_EQ(history_.ignored_pruned(), 3);
  EXPECT_TRUE(IsDormant(policy_.engagement, history_, ToMinute(T("2027-04-06T10:00:00Z"))));
  history_.RecordEngagement(ToMinute(T("2027-04-06T09:00:00Z")));
  EXPECT_EQ(history_.ignored_pruned(), 0);
  EXPECT_FALSE(IsDormant(policy_.engagement, history_, ToMinute(T("2027-04-06T10:00:00Z"))));
}

TEST_F(EngagementTest, OffUnlessThePolicyTurnsItOn) {
  policy_ = PolicyFrom("");
  SendWeekly(8);
  EXPECT_FALSE(IsDormant(policy_.engagement, history_, ToMinute(T("2027-05-01T10:00:00Z"))));
  EXPECT_EQ(DecideAt("2027-05-01T10:00:00Z").outcome, Outcome::kSend);
}

}  // namespace
}  // namespace tact
