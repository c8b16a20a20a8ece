#include "rules/health.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

class HealthTest : public RuleTest {
 protected:
  HealthTest()
      : RuleTest(R"(
[kinds]
cold = { requires_icp = false }
[health]
hold = ["promotional", "cold"]
)") {}
  Decision DecideFor(Kind kind) {
    return Ask(MakeTouch(Channel::kEmail, kind, T("2027-03-02T10:00:00Z")), &account_);
  }
  Account account_;
};

TEST_F(HealthTest, OpenEscalationHoldsPromotionalAndCold) {
  account_.open_escalations = 1;
  const Decision promotional = DecideFor(Kind::kPromotional);
  EXPECT_EQ(promotional.outcome, Outcome::kSuppress);
  ASSERT_EQ(promotional.reasons.size(), 1u);
  EXPECT_EQ(promotional.reasons[0].rule, "health.escalation");
  EXPECT_EQ(promotional.reasons[0].count, 1);
  EXPECT_EQ(DecideFor(Kind::kCold).outcome, Outcome::kSuppress);
  EXPECT_EQ(DecideFor(Kind::kRelationship).outcome, Outcome::kSend);
  EXPECT_EQ(DecideFor(Kind::kTransactional).outcome, Outcome::kSend);
}

TEST_F(HealthTest, MissedCommitmentIsItsOwnReason) {
  account_.open_escalations = 2;
  account_.missed_commitments = 1;
  const Decision decision = DecideFor(Kind::kPromotional);
  ASSERT_EQ(decision.reasons.size(), 2u);
  EXPECT_EQ(decision.reasons[0].rule, "health.escalation");
  EXPECT_EQ(decision.reasons[1].rule, "health.commitment");
}

TEST_F(HealthTest, HealthyAccountIsNotHeld) {
  EXPECT_EQ(DecideFor(Kind::kPromotional).outcome, Outcome::kSend);
}

}  // namespace
}  // namespace tact
