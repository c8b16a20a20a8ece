#include "rules/priority_reserve.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

TEST(TierAllowanceTest, FloorsButKeepsOneSlot) {
  EXPECT_EQ(TierAllowance(1.0, 3), 3);
  EXPECT_EQ(TierAllowance(0.67, 3), 2);
  EXPECT_EQ(TierAllowance(0.34, 3), 1);
  EXPECT_EQ(TierAllowance(0.34, 1), 1);
  EXPECT_EQ(TierAllowance(0.5, 10), 5);
  EXPECT_EQ(TierAllowance(0.5, 0), 0);
}

class PriorityReserveTest : public RuleTest {
 protected:
  PriorityReserveTest()
      : RuleTest(R"(
[kinds]
cold = { requires_icp = false }
[[budget]]
scope = "all"
window = "7d"
max = 3
[[budget]]
scope = "cold"
window = "30d"
max = 2
[tiers]
relationship = 1.0
promotional = 0.67
cold = 0.34
urgent = 1.0
)") {}
  Decision DecideAt(absl::Time at, Kind kind, const std::string& priority = "") {
    Touch touch = MakeTouch(Channel::kEmail, kind, at);
    touch.priority = priority;
    return Ask(touch);
  }
};

TEST_F(PriorityReserveTest, PromotionalUsesTwoOfThreeSlots) {
  history_.Record(Past(T("2027-03-01T10:00:00Z")));
  EXPECT_EQ(DecideAt(T("2027-03-02T10:00:00Z"), Kind::kPromotional).outcome, Outcome::kSend);
  history_.Record(Past(T("2027-03-02T10:00:00Z")));
  const Decision third = DecideAt(T("2027-03-03T10:00:00Z"), Kind::kPromotional);
  EXPECT_EQ(third.outcome, Outcome::kDefer);
  ASSERT_EQ(third.reasons.size(), 1u);
  EXPECT_EQ(third.reasons[0].rule, "priority.reserve");
  EXPECT_EQ(third.reasons[0].limit, 2);
  EXPECT_EQ(third.reasons[0].count, 2);
  EXPECT_EQ(third.not_before, T("2027-03-08T10:00:00Z"));
  // The reserved slot is there for a relationship touch.
  EXPECT_EQ(DecideAt(T("2027-03-03T10:00:00Z"), Kind::kRelationship).outcome, Outcome::kSend);
}

TEST_F(PriorityReserveTest, PriorityFieldPicksTheTier) {
  history_.Record(Past(T("2027-03-01T10:00:00Z")));
  history_.Record(Past(T("2027-03-02T10:00:00Z")));
  EXPECT_EQ(DecideAt(T("2027-03-03T10:00:00Z"), Kind::kPromotional, "urgent").outcome,
            Outcome::kSend);
}

TEST_F(PriorityReserveTest, KindBudgetsAreNotReserved) {
  // cold may use 1 of the 3 shared weekly slots, but all of its own 2 a month.
  history_.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kEmail, Kind::kCold));
  const Decision second_week = DecideAt(T("2027-03-09T10:00:00Z"), Kind::kCold);
  EXPECT_EQ(second_week.outcome, Outcome::kSend);
}

TEST(ValidateTouchTest, UnknownTierIsNamed) {
  const Policy policy = PolicyFrom("[tiers]\npromotional = 0.5\n");
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-01T10:00:00Z"));
  touch.priority = "vip";
  const absl::Status status = ValidateTouchAgainstPolicy(policy, touch);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "priority: 'vip' is not a tier of the policy (tiers: promotional)");
}

}  // namespace
}  // namespace tact
