#include "rules/preference_rule.h"

#include <gtest/gtest.h>

#include <memory>

#include "engine/decide.h"
#include "policy/policy_loader.h"
#include "rules/explain.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

constexpr char kPolicy[] = R"(
[preferences]
topics = ["product", "events", "insights"]
[[preferences.frequency]]
id = "weekly"
label = "At most once a week"
max = 1
window = "7d"
[[preferences.frequency]]
id = "account"
label = "Only about my account"
only = ["relationship"]
[preferences.pause]
max = "12w"
suppress = ["promotional", "cold"]
defer = ["relationship"]
)";

const absl::Time kAt = T("2027-03-10T10:00:00Z");

struct Asked {
  Decision decision;
  std::string message;  // the first reason's sentence
};

class PreferenceRuleTest : public ::testing::Test {
 protected:
  Asked Ask(Kind kind = Kind::kPromotional, Channel channel = Channel::kEmail,
            const std::string& topic = "", absl::Time at = kAt) {
    Person person = PersonIn("", "p-1");
    person.consent[static_cast<int>(Channel::kSms)] = Consent::kOptedIn;
    person.preferences = std::make_shared<const Preferences>(chosen_);
    Touch touch = MakeTouch(channel, kind, at);
    touch.topic = topic;
    Asked asked{Decide(policy_, person, nullptr, history_, touch, at), ""};
    if (!asked.decision.reasons.empty()) {
      asked.message =
          Explain(asked.decision.reasons[0], ExplainContext{policy_, person, nullptr, touch});
    }
    return asked;
  }

  const Policy policy_ = PolicyFrom(kPolicy);
  Preferences chosen_;
  History history_;
};

TEST_F(PreferenceRuleTest, NoChoiceHoldsNothingBack) {
  EXPECT_EQ(Ask().decision.outcome, Outcome::kSend);
  EXPECT_EQ(Ask(Kind::kCold, Channel::kSms, "events").decision.outcome, Outcome::kSend);
}

TEST_F(PreferenceRuleTest, AChannelNotChosenIsSuppressedButTransactionalGoes) {
  chosen_.channels.Add(Channel::kEmail);
  EXPECT_EQ(Ask(Kind::kPromotional, Channel::kEmail).decision.outcome, Outcome::kSend);
  const Asked sms = Ask(Kind::kPromotional, Channel::kSms);
  EXPECT_EQ(sms.decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(sms.decision.reasons[0].rule, "preference.channel");
  EXPECT_EQ(sms.message, "This person chose not to be reached by sms.");
  EXPECT_EQ(Ask(Kind::kTransactional, Channel::kSms).decision.outcome, Outcome::kSend);
}

TEST_F(PreferenceRuleTest, ATopicNotChosenIsSuppressedAndATouchWithoutOneGoes) {
  chosen_.topics = {"product"};
  EXPECT_EQ(Ask(Kind::kPromotional, Channel::kEmail, "product").decision.outcome, Outcome::kSend);
  EXPECT_EQ(Ask(Kind::kPromotional, Channel::kEmail, "").decision.outcome, Outcome::kSend);
  const Asked events = Ask(Kind::kPromotional, Channel::kEmail, "events");
  EXPECT_EQ(events.decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(events.decision.reasons[0].rule, "preference.topic");
  EXPECT_EQ(events.message, "This person chose other topics than 'events'.");
}

TEST_F(PreferenceRuleTest, TheirOwnBudgetDefersToTheMinuteItHasRoom) {
  chosen_.frequency = "weekly";
  history_.Record(Past(kAt - absl::Hours(24 * 6)));
  const Asked asked = Ask();
  EXPECT_EQ(asked.decision.outcome, Outcome::kDefer);
  EXPECT_EQ(asked.decision.reasons[0].rule, "preference.frequency");
  // Seven days after the last one, not a minute earlier.
  EXPECT_EQ(asked.decision.not_before, kAt + absl::Hours(24));
  EXPECT_EQ(asked.message,
            "This person chose \"At most once a week\" and already has 1 touch within 7d. Next "
            "opening: 2027-03-11 10:00 UTC.");
  // A touch exactly 7 days ago has left the window.
  History week_ago;
  week_ago.Record(Past(kAt - absl::Hours(24 * 7)));
  history_ = week_ago;
  EXPECT_EQ(Ask().decision.outcome, Outcome::kSend);
}

TEST_F(PreferenceRuleTest, TransactionalTouchesNeitherCountNorWait) {
  chosen_.frequency = "weekly";
  history_.Record(Past(kAt - absl::Hours(24), Channel::kEmail, Kind::kTransactional));
  EXPECT_EQ(Ask().decision.outcome, Outcome::kSend);
  history_.Record(Past(kAt - absl::Hours(12)));
  EXPECT_EQ(Ask(Kind::kTransactional).decision.outcome, Outcome::kSend);
  EXPECT_EQ(Ask().decision.outcome, Outcome::kDefer);
}

TEST_F(PreferenceRuleTest, OnlyAboutTheirAccountSuppressesOtherKinds) {
  chosen_.frequency = "account";
  EXPECT_EQ(Ask(Kind::kRelationship).decision.outcome, Outcome::kSend);
  const Asked cold = Ask(Kind::kCold);
  EXPECT_EQ(cold.decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(cold.decision.reasons[0].rule, "preference.frequency");
  EXPECT_EQ(cold.message, "This person chose \"Only about my account\": no cold touches.");
}

TEST_F(PreferenceRuleTest, APauseSuppressesOrDefersByKindUntilItsEnd) {
  const absl::Time end = kAt + absl::Hours(24 * 28);
  chosen_.paused_until = ToMinute(end);
  const Asked promotional = Ask(Kind::kPromotional);
  EXPECT_EQ(promotional.decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(promotional.decision.reasons[0].rule, "preference.pause");
  EXPECT_EQ(promotional.message,
            "This person paused promotional touches until 2027-04-07 10:00 UTC.");
  const Asked relationship = Ask(Kind::kRelationship);
  EXPECT_EQ(relationship.decision.outcome, Outcome::kDefer);
  EXPECT_EQ(relationship.decision.not_before, end);
  EXPECT_EQ(Ask(Kind::kTransactional).decision.outcome, Outcome::kSend);
  // At its end the pause is over.
  EXPECT_EQ(Ask(Kind::kPromotional, Channel::kEmail, "", end).decision.outcome, Outcome::kSend);
}

TEST_F(PreferenceRuleTest, WithoutThePolicySectionChoicesAreKeptButNotEnforced) {
  const Policy without = PolicyFrom("");
  Person person = PersonIn("", "p-1");
  Preferences chosen;
  chosen.paused_until = ToMinute(kAt + absl::Hours(24));
  person.preferences = std::make_shared<const Preferences>(chosen);
  EXPECT_EQ(Decide(without, person, nullptr, History{},
                   MakeTouch(Channel::kEmail, Kind::kPromotional, kAt), kAt)
                .outcome,
            Outcome::kSend);
}

TEST(PreferencePolicyTest, NamesWhatItCannotUse) {
  const auto load = [](const std::string& toml) {
    return std::string(LoadPolicyFromString(toml, "p.toml").status().message());
  };
  EXPECT_NE(load("[preferences]\n[[preferences.frequency]]\nid = \"a\"\nlabel = \"A\"\n")
                .find("give either max and window"),
            std::string::npos);
  EXPECT_NE(load("[preferences]\n[[preferences.frequency]]\nid = \"a\"\nlabel = \"A\"\nmax = "
                 "1\nwindow = \"7d\"\n[[preferences.frequency]]\nid = \"a\"\nlabel = \"B\"\nonly "
                 "= [\"cold\"]\n")
                .find("repeats the id 'a'"),
            std::string::npos);
  EXPECT_NE(load("[preferences.pause]\ndefer = [\"transactional\"]\n")
                .find("transactional touches are never paused"),
            std::string::npos);
  EXPECT_NE(load("[preferences.pause]\nsuppress = [\"cold\"]\ndefer = [\"cold\"]\n")
                .find("cold is in both suppress and defer"),
            std::string::npos);
  EXPECT_NE(load("[preferences]\ncolour = 1\n").find("preferences.colour"), std::string::npos);
}

TEST(PreferencePolicyTest, TheLongestFrequencyWindowIsKeptInHistory) {
  const Policy policy = PolicyFrom(
      "[preferences]\n[[preferences.frequency]]\nid = \"m\"\nlabel = \"Monthly\"\nmax = "
      "1\nwindow = \"90d\"\n");
  EXPECT_GE(policy.retention, absl::Hours(24 * 90));
}

}  // namespace
}  // namespace tact
