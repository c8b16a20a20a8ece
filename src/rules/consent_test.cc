#include "rules/consent.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

class ConsentTest : public RuleTest {
 protected:
  ConsentTest()
      : RuleTest(R"(
[consent]
opt_in = [{ channel = "sms" }, { channel = "email", countries = ["DE", "AT"] }]
)") {}
  Decision DecideFor(Channel channel, Kind kind = Kind::kPromotional) {
    return Ask(MakeTouch(channel, kind, T("2027-03-02T10:00:00Z")));
  }
  void SetConsent(Channel channel, Consent consent) {
    person_.consent[static_cast<int>(channel)] = consent;
  }
};

TEST_F(ConsentTest, OptOutSuppressesEveryKindIncludingTransactional) {
  SetConsent(Channel::kPush, Consent::kOptedOut);
  const Decision decision = DecideFor(Channel::kPush);
  EXPECT_EQ(decision.outcome, Outcome::kSuppress);
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].rule, "consent.push");
  EXPECT_EQ(DecideFor(Channel::kPush, Kind::kTransactional).outcome, Outcome::kSuppress);
}

TEST_F(ConsentTest, OptInRequiredEverywhere) {
  SetConsent(Channel::kSms, Consent::kUnknown);
  EXPECT_EQ(DecideFor(Channel::kSms).reasons.at(0).rule, "consent.sms");
  SetConsent(Channel::kSms, Consent::kOptedIn);
  EXPECT_EQ(DecideFor(Channel::kSms).outcome, Outcome::kSend);
}

TEST_F(ConsentTest, OptInRequiredByCountry) {
  SetConsent(Channel::kEmail, Consent::kUnknown);
  person_.country = "US";
  EXPECT_EQ(DecideFor(Channel::kEmail).outcome, Outcome::kSend);
  person_.country = "DE";
  const Decision decision = DecideFor(Channel::kEmail);
  EXPECT_EQ(decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(decision.reasons.at(0).code, ReasonCode::kConsentOptInMissing);
}

TEST_F(ConsentTest, TransactionalSkipsOptInRequirement) {
  SetConsent(Channel::kSms, Consent::kUnknown);
  EXPECT_EQ(DecideFor(Channel::kSms, Kind::kTransactional).outcome, Outcome::kSend);
}

}  // namespace
}  // namespace tact
