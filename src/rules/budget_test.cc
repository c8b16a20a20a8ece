#include "rules/budget.h"

#include <gtest/gtest.h>

#include "core/minutes.h"
#include "engine/decide.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

const char* kPolicy = R"(
[[budget]]
scope = "all"
window = "7d"
max = 3
[[budget]]
scope = "sms"
window = "30d"
max = 1
[[budget]]
scope = "cold"
window = "30d"
max = 1
)";

class BudgetTest : public RuleTest {
 protected:
  BudgetTest() : RuleTest(kPolicy) {}
  Decision DecideAt(absl::Time at, Channel channel = Channel::kEmail,
                    Kind kind = Kind::kPromotional) {
    return Ask(MakeTouch(channel, kind, at));
  }
};

TEST_F(BudgetTest, SendsUpToTheLimit) {
  history_.Record(Past(T("2027-03-01T10:00:00Z")));
  history_.Record(Past(T("2027-03-02T10:00:00Z")));
  const Decision decision = DecideAt(T("2027-03-03T10:00:00Z"));
  EXPECT_EQ(decision.outcome, Outcome::kSend);
  ASSERT_EQ(decision.budgets.size(), 1u);
  EXPECT_EQ(decision.budgets[0].used, 3);
  EXPECT_EQ(decision.budgets[0].max, 3);
  ASSERT_TRUE(decision.record.has_value());
}

TEST_F(BudgetTest, DefersOnePastTheLimitUntilTheOldestLeaves) {
  history_.Record(Past(T("2027-03-01T10:00:00Z")));
  history_.Record(Past(T("2027-03-02T10:00:00Z")));
  history_.Record(Past(T("2027-03-03T10:00:00Z")));
  const Decision decision = DecideAt(T("2027-03-04T10:00:00Z"));
  EXPECT_EQ(decision.outcome, Outcome::kDefer);
  EXPECT_EQ(decision.not_before, T("2027-03-08T10:00:00Z"));
  ASSERT_EQ(decision.reasons.size(), 1u);
  const Reason& reason = decision.reasons[0];
  EXPECT_EQ(reason.rule, "budget.all.7d");
  EXPECT_EQ(reason.count, 3);
  EXPECT_EQ(reason.limit, 3);
  EXPECT_EQ(reason.window, absl::Hours(24 * 7));
  EXPECT_EQ(reason.not_before, T("2027-03-08T10:00:00Z"));
  EXPECT_EQ(reason.code, ReasonCode::kBudget);
  EXPECT_EQ(reason.policy_index, 0);
  EXPECT_FALSE(decision.record.has_value());
}

TEST_F(BudgetTest, WindowEdgeIsExclusive) {
  history_.Record(Past(T("2027-03-01T10:00:00Z")));
  history_.Record(Past(T("2027-03-02T10:00:00Z")));
  history_.Record(Past(T("2027-03-03T10:00:00Z")));
  EXPECT_EQ(DecideAt(T("2027-03-08T09:59:00Z")).outcome, Outcome::kDefer);
  EXPECT_EQ(DecideAt(T("2027-03-08T10:00:00Z")).outcome, Outcome::kSend);
}

TEST_F(BudgetTest, ChannelBudgetOnlyLimitsItsChannel) {
  history_.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kSms));
  const Decision sms = DecideAt(T("2027-03-05T10:00:00Z"), Channel::kSms);
  EXPECT_EQ(sms.outcome, Outcome::kDefer);
  EXPECT_EQ(sms.reasons.at(0).rule, "budget.sms.30d");
  EXPECT_EQ(sms.not_before, T("2027-03-31T10:00:00Z"));
  EXPECT_EQ(DecideAt(T("2027-03-05T10:00:00Z"), Channel::kEmail).outcome, Outcome::kSend);
}

TEST_F(BudgetTest, KindBudgetOnlyLimitsItsKind) {
  Person person = person_;
  history_.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kEmail, Kind::kCold));
  EXPECT_EQ(DecideAt(T("2027-03-02T10:00:00Z"), Channel::kEmail, Kind::kCold).reasons.at(0).rule,
            "budget.cold.30d");
  EXPECT_EQ(DecideAt(T("2027-03-02T10:00:00Z"), Channel::kEmail, Kind::kPromotional).outcome,
            Outcome::kSend);
}

TEST_F(BudgetTest, TransactionalTouchesNeitherCountNorWait) {
  history_.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kEmail, Kind::kTransactional));
  history_.Record(Past(T("2027-03-01T11:00:00Z"), Channel::kEmail, Kind::kTransactional));
  history_.Record(Past(T("2027-03-01T12:00:00Z"), Channel::kEmail, Kind::kTransactional));
  history_.Record(Past(T("2027-03-01T13:00:00Z"), Channel::kEmail, Kind::kTransactional));
  EXPECT_EQ(DecideAt(T("2027-03-02T10:00:00Z")).outcome, Outcome::kSend);
  history_.Record(Past(T("2027-03-02T10:00:00Z")));
  history_.Record(Past(T("2027-03-02T11:00:00Z")));
  history_.Record(Past(T("2027-03-02T12:00:00Z")));
  const Decision receipt =
      DecideAt(T("2027-03-02T13:00:00Z"), Channel::kEmail, Kind::kTransactional);
  EXPECT_EQ(receipt.outcome, Outcome::kSend);
  ASSERT_TRUE(receipt.record.has_value());
  EXPECT_FALSE(receipt.record->counts_for_budgets);
}

TEST_F(BudgetTest, ZeroBudgetNeverAllows) {
  Policy policy = PolicyFrom(R"(
[[budget]]
scope = "call"
window = "7d"
max = 0
)");
  Touch touch = MakeTouch(Channel::kCall, Kind::kPromotional, T("2027-03-02T10:00:00Z"));
  const Decision decision = Decide(policy, person_, nullptr, history_, touch, *touch.at);
  EXPECT_EQ(decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(decision.reasons.at(0).rule, "budget.call.7d");
}

}  // namespace
}  // namespace tact
