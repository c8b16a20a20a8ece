#include "rules/icp.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

const char* kPolicy = R"(
[icp]
threshold = 0.6
rules = [
  { attribute = "industry", in = ["software", "logistics"], weight = 0.4 },
  { attribute = "employees", between = [200, 5000], weight = 0.4 },
  { attribute = "country", in = ["US", "DE"], weight = 0.2 },
]
)";

Account MakeAccount(const std::string& industry, double employees, const std::string& country) {
  Account account;
  account.id = "a-1";
  account.industry = industry;
  account.employees = employees;
  account.country = country;
  return account;
}

TEST(IcpScoreTest, WeighsMatchingRules) {
  const Policy policy = PolicyFrom(kPolicy);
  EXPECT_DOUBLE_EQ(IcpScore(policy.icp, MakeAccount("software", 1000, "US")), 1.0);
  EXPECT_DOUBLE_EQ(IcpScore(policy.icp, MakeAccount("software", 1000, "FR")), 0.8);
  EXPECT_DOUBLE_EQ(IcpScore(policy.icp, MakeAccount("retail", 5000, "DE")),
                   0.6);  // inclusive bound
  EXPECT_DOUBLE_EQ(IcpScore(policy.icp, MakeAccount("retail", 5001, "DE")), 0.2);
  EXPECT_DOUBLE_EQ(IcpScore(policy.icp, MakeAccount("retail", 199, "FR")), 0.0);
}

class IcpTest : public RuleTest {
 protected:
  IcpTest() : RuleTest(kPolicy) {}
  Decision DecideFor(const Account* account, Kind kind = Kind::kCold) {
    return Ask(MakeTouch(Channel::kEmail, kind, T("2027-03-02T10:00:00Z")), account);
  }
};

TEST_F(IcpTest, ColdTouchAtTheThresholdGoes) {
  const Account account = MakeAccount("retail", 300, "DE");  // 0.4 + 0.2
  EXPECT_EQ(DecideFor(&account).outcome, Outcome::kSend);
}

TEST_F(IcpTest, ColdTouchBelowTheThresholdIsSuppressed) {
  const Account account = MakeAccount("retail", 300, "FR");  // 0.4
  const Decision decision = DecideFor(&account);
  EXPECT_EQ(decision.outcome, Outcome::kSuppress);
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].rule, "icp.fit");
  EXPECT_DOUBLE_EQ(*decision.reasons[0].score, 0.4);
  EXPECT_DOUBLE_EQ(*decision.reasons[0].threshold, 0.6);
  EXPECT_EQ(decision.reasons[0].code, ReasonCode::kIcpBelowThreshold);
}

TEST_F(IcpTest, UnknownAccountCannotFit) {
  const Decision decision = DecideFor(nullptr);
  EXPECT_EQ(decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(decision.reasons.at(0).rule, "icp.fit");
}

TEST_F(IcpTest, OtherKindsIgnoreTheProfile) {
  const Account account = MakeAccount("retail", 10, "FR");
  EXPECT_EQ(DecideFor(&account, Kind::kPromotional).outcome, Outcome::kSend);
}

TEST_F(IcpTest, CustomAttributes) {
  const Policy policy = PolicyFrom(R"(
[icp]
threshold = 0.5
rules = [{ attribute = "segment", in = ["enterprise"], weight = 1 }]
)");
  Account account = MakeAccount("retail", 10, "FR");
  account.attributes["segment"] = "enterprise";
  EXPECT_DOUBLE_EQ(IcpScore(policy.icp, account), 1.0);
  account.attributes["segment"] = "smb";
  EXPECT_DOUBLE_EQ(IcpScore(policy.icp, account), 0.0);
}

}  // namespace
}  // namespace tact
