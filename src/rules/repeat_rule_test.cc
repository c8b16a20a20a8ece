#include "rules/repeat_rule.h"

#include <gtest/gtest.h>

#include "content/fingerprint.h"
#include "content/text.h"
#include "engine/decide.h"
#include "rules/explain.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

constexpr char kNewsletter[] =
    "This month in logistics: three depots cut their picking errors by half with voice picking, "
    "a new rule for driver rest times takes effect in April, and our spring webinar on yard "
    "management is open for registration.";
// The same newsletter with one word changed.
constexpr char kNewsletterEdited[] =
    "This month in logistics: three depots cut their picking errors by half with voice picking, "
    "a new rule for driver rest times takes effect in April, and our spring webinar on yard "
    "management is now open for registration.";
constexpr char kOtherNewsletter[] =
    "This month in logistics: fuel prices fell for the third month in a row, two carriers merged, "
    "and we published a checklist for peak season staffing.";

std::string PolicyWithDistance(int distance) {
  return "[content]\nnear_distance = " + std::to_string(distance) +
         "\nrepeat = { window = \"30d\" }\n";
}

class RepeatRuleTest : public RuleTest {
 protected:
  RepeatRuleTest() : RuleTest(PolicyWithDistance(3)) {}
  Decision Send(const std::string& body, const std::string& at) {
    touch_ = MakeTouch(Channel::kEmail, Kind::kPromotional, T(at));
    touch_.body = body;
    return AskAndRecord(touch_);
  }
  Touch touch_;
};

TEST_F(RepeatRuleTest, TheSameTextWithinTheWindowIsSuppressed) {
  ASSERT_EQ(Send(kNewsletter, "2027-03-01T10:00:00Z").outcome, Outcome::kSend);
  ASSERT_NE(history_.fingerprints().back(), 0u);
  const Decision again = Send(kNewsletter, "2027-03-20T10:00:00Z");
  ASSERT_EQ(again.outcome, Outcome::kSuppress);
  EXPECT_EQ(again.reasons[0].rule, "content.repeat");
  EXPECT_EQ(Explain(again.reasons[0], ExplainContext{policy_, person_, nullptr, touch_}),
            "This person already received the same text 1 time within 30d (fingerprints 0 bits "
            "apart; up to 3 count as the same).");
  EXPECT_EQ(Send(kOtherNewsletter, "2027-03-20T10:00:00Z").outcome, Outcome::kSend);
  // Thirty days after the first send it may go again.
  EXPECT_EQ(Send(kNewsletter, "2027-03-31T10:01:00Z").outcome, Outcome::kSend);
}

TEST_F(RepeatRuleTest, NearSameTextAtTheHammingThreshold) {
  const int distance = HammingDistance(SimHash(NormalizeText(kNewsletter).masked),
                                       SimHash(NormalizeText(kNewsletterEdited).masked));
  ASSERT_GT(distance, 0);
  ASSERT_LT(distance, 16);
  Send(kNewsletter, "2027-03-01T10:00:00Z");
  // At the threshold the edited copy is the same text; one bit stricter, it is not.
  policy_ = PolicyFrom(PolicyWithDistance(distance));
  EXPECT_EQ(Send(kNewsletterEdited, "2027-03-05T10:00:00Z").outcome, Outcome::kSuppress);
  policy_ = PolicyFrom(PolicyWithDistance(distance - 1));
  EXPECT_EQ(Send(kNewsletterEdited, "2027-03-05T10:00:00Z").outcome, Outcome::kSend);
}

TEST_F(RepeatRuleTest, TransactionalTextsMayRepeat) {
  for (int day = 1; day <= 2; ++day) {
    touch_ = MakeTouch(Channel::kEmail, Kind::kTransactional,
                       T("2027-03-0" + std::to_string(day) + "T10:00:00Z"));
    touch_.subject = "Your password reset code";
    touch_.body = "Use the code 493022 to reset your password. It expires in 15 minutes.";
    EXPECT_EQ(AskAndRecord(touch_).outcome, Outcome::kSend);
  }
}

}  // namespace
}  // namespace tact
