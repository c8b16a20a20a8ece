#include "rules/sender.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

class SenderTest : public RuleTest {
 protected:
  SenderTest() : RuleTest("[sender]\nwindow = \"7d\"\nmax = 2\n") {}
  Decision DecideAt(absl::Time at, const std::string& sender) {
    return Ask(MakeTouch(Channel::kEmail, Kind::kRelationship, at, sender));
  }
};

TEST_F(SenderTest, LimitsOneSenderNotOthers) {
  history_.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kEmail, Kind::kRelationship, "ana@x"));
  EXPECT_EQ(DecideAt(T("2027-03-02T10:00:00Z"), "ana@x").outcome, Outcome::kSend);
  history_.Record(Past(T("2027-03-02T10:00:00Z"), Channel::kEmail, Kind::kRelationship, "ana@x"));
  const Decision third = DecideAt(T("2027-03-03T10:00:00Z"), "ana@x");
  EXPECT_EQ(third.outcome, Outcome::kDefer);
  EXPECT_EQ(third.reasons.at(0).rule, "sender.7d");
  EXPECT_EQ(third.reasons.at(0).count, 2);
  EXPECT_EQ(third.reasons.at(0).limit, 2);
  EXPECT_EQ(third.not_before, T("2027-03-08T10:00:00Z"));
  EXPECT_EQ(third.reasons.at(0).code, ReasonCode::kSender);
  EXPECT_EQ(DecideAt(T("2027-03-03T10:00:00Z"), "tom@x").outcome, Outcome::kSend);
}

TEST_F(SenderTest, TouchesWithoutSenderAreNotLimited) {
  history_.Record(Past(T("2027-03-01T10:00:00Z")));
  history_.Record(Past(T("2027-03-01T11:00:00Z")));
  EXPECT_EQ(DecideAt(T("2027-03-01T12:00:00Z"), "").outcome, Outcome::kSend);
}

}  // namespace
}  // namespace tact
