#include "rules/bump_rule.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "rules/explain.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

constexpr char kOpener[] =
    "Hi Anna,\n"
    "you mentioned that returns take up half of your warehouse team's Mondays. We helped "
    "Brightline cut that to a morning by sorting returns at the dock. Would a 20-minute call next "
    "week be useful?";

class BumpRuleTest : public RuleTest {
 protected:
  BumpRuleTest() : RuleTest("[kinds.cold]\nrequires_icp = false\n[content]\nbump = {}\n") {}
  Decision Step(int step, const std::string& body, const std::string& at) {
    touch_ = MakeTouch(Channel::kEmail, Kind::kCold, T(at), "ana@acme.example", "t-returns");
    touch_.step = step;
    touch_.body = body;
    return AskAndRecord(touch_);
  }
  std::string Message(const Decision& decision) { return Sentence(decision.reasons.at(0), touch_); }
  Touch touch_;
};

TEST_F(BumpRuleTest, AShortFollowUpWithABumpPhraseIsSuppressed) {
  ASSERT_EQ(Step(1, kOpener, "2027-03-01T10:00:00Z").outcome, Outcome::kSend);
  const Decision bump = Step(2,
                             "Hi Anna, just checking in on my note below. Any thoughts?\n\n"
                             "On Mon, 1 Mar 2027, Ana wrote:\n> Hi Anna, you mentioned...",
                             "2027-03-05T10:00:00Z");
  ASSERT_EQ(bump.outcome, Outcome::kSuppress);
  EXPECT_EQ(bump.reasons[0].rule, "content.bump");
  EXPECT_EQ(Message(bump),
            "This follow-up adds nothing new: its 11 words of new text say \"just checking in\" (a "
            "bump phrase; up to 60 words count as a bump).");
  // In German too.
  const Decision german =
      Step(2, "Hallo Frau Berger, haben Sie meine letzte E-Mail gesehen?", "2027-03-05T10:00:00Z");
  ASSERT_EQ(german.outcome, Outcome::kSuppress);
  EXPECT_EQ(german.reasons[0].detail, "haben sie meine letzte e-mail gesehen");
}

TEST_F(BumpRuleTest, AFollowUpWithSubstanceGoesEvenWithThePhrase) {
  Step(1, kOpener, "2027-03-01T10:00:00Z");
  const std::string substance =
      "Hi Anna, just checking in with something new: Brightline published their numbers. "
      "Returns sorted at the dock took 3.5 hours a week instead of 14, and mis-sorted parcels "
      "fell from 4 % to under 1 %. The write-up has the layout of their dock, the two scanners "
      "they added, and what they would do differently. If that is useful for your Mondays, I can "
      "send it over, or walk your team through it in twenty minutes.";
  EXPECT_EQ(Step(2, substance, "2027-03-05T10:00:00Z").outcome, Outcome::kSend);
}

TEST_F(BumpRuleTest, TheSameTextAgainInTheThreadIsABump) {
  Step(1, kOpener, "2027-03-01T10:00:00Z");
  const Decision resend = Step(2, kOpener, "2027-03-05T10:00:00Z");
  ASSERT_EQ(resend.outcome, Outcome::kSuppress);
  EXPECT_EQ(Message(resend),
            "This follow-up repeats the thread's previous step (fingerprints 0 bits apart; up to "
            "3 count as the same).");
}

TEST_F(BumpRuleTest, AfterAReplyItIsAConversationAndOpenersAreNeverBumps) {
  EXPECT_EQ(Step(1, "Just checking in: is the loading dock still closed on Fridays?",
                 "2027-03-01T10:00:00Z")
                .outcome,
            Outcome::kSend);
  history_.RecordReply(ToMinute(T("2027-03-02T08:00:00Z")));
  EXPECT_EQ(Step(2, "Thanks! Just checking in: did you see this?", "2027-03-05T10:00:00Z").outcome,
            Outcome::kSend);
}

}  // namespace
}  // namespace tact
