#include "rules/hypothesis_rule.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "policy/policy_loader.h"
#include "rules/explain.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

constexpr char kPolicy[] =
    "[kinds.cold]\nrequires_icp = false\n"
    "[brief.hypothesis]\nmax_age = \"30d\"\nmin_words = 10\nmax_brief_share = 0.5\n";

const absl::Time kAt = T("2027-03-10T10:00:00Z");

struct Asked {
  Decision decision;
  std::string message;  // the first reason's sentence
};

Asked Ask(const Policy& policy, std::optional<HypothesisStanding> standing, Kind kind = Kind::kCold,
          const std::string& account = "acme", const std::string& sender = "ana@example.com") {
  Person person = PersonIn("", "p-1");
  person.account_id = account;
  const Touch touch = MakeTouch(Channel::kEmail, kind, kAt, sender);
  Signals signals;
  signals.hypothesis = standing;
  Asked asked{Decide(policy, person, nullptr, History{}, touch, kAt, &signals), ""};
  if (!asked.decision.reasons.empty()) {
    asked.message =
        Explain(asked.decision.reasons[0], ExplainContext{policy, person, nullptr, touch});
  }
  return asked;
}

HypothesisStanding Fresh() {
  return {.written = ToMinute(kAt - absl::Hours(24 * 29)), .words = 10};
}

TEST(HypothesisRuleTest, AColdTouchWithoutAHypothesisIsSuppressedSayingWhatToDo) {
  const Policy policy = PolicyFrom(kPolicy);
  const Asked asked = Ask(policy, std::nullopt);
  EXPECT_EQ(asked.decision.outcome, Outcome::kSuppress);
  ASSERT_EQ(asked.decision.reasons.size(), 1u);
  EXPECT_EQ(asked.decision.reasons[0].rule, "brief.hypothesis");
  EXPECT_EQ(asked.message,
            "The sender has written no hypothesis for account 'acme': read its brief and write "
            "what it means for this person (POST /v1/accounts/{id}/hypotheses).");
}

TEST(HypothesisRuleTest, AFreshOwnWordsHypothesisLetsItGoAtTheBoundaries) {
  const Policy policy = PolicyFrom(kPolicy);
  EXPECT_EQ(Ask(policy, Fresh()).decision.outcome, Outcome::kSend);
  HypothesisStanding exactly_max_age = Fresh();
  exactly_max_age.written = ToMinute(kAt - absl::Hours(24 * 30));
  EXPECT_EQ(Ask(policy, exactly_max_age).decision.outcome, Outcome::kSend);
  HypothesisStanding brief_share_at_limit = Fresh();
  brief_share_at_limit.copied_share = 0.5;  // judged when written: own words
  EXPECT_EQ(Ask(policy, brief_share_at_limit).decision.outcome, Outcome::kSend);
}

TEST(HypothesisRuleTest, OneMinuteTooOldIsStale) {
  const Policy policy = PolicyFrom(kPolicy);
  HypothesisStanding old = Fresh();
  old.written = ToMinute(kAt - absl::Hours(24 * 30)) - 1;
  const Asked asked = Ask(policy, old);
  EXPECT_EQ(asked.decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(asked.message,
            "The sender's hypothesis for account 'acme' was written 30 days ago; the policy "
            "wants one from the last 30d.");
}

TEST(HypothesisRuleTest, OneWordShortIsThin) {
  const Policy policy = PolicyFrom(kPolicy);
  HypothesisStanding thin = Fresh();
  thin.words = 9;
  EXPECT_EQ(Ask(policy, thin).message,
            "The sender's hypothesis for account 'acme' has 9 words; the policy wants at least "
            "10.");
}

TEST(HypothesisRuleTest, ACopyIsSuppressedNamingWhatItCopies) {
  const Policy policy = PolicyFrom(kPolicy);
  HypothesisStanding copy = Fresh();
  copy.originality = Originality::kBriefCopy;
  copy.copied_share = 0.82;
  EXPECT_EQ(Ask(policy, copy).message,
            "The sender's hypothesis for account 'acme' is mostly the brief's own text (82 % of "
            "it; the policy allows 50 %); a cold touch needs one in the seller's own words.");
  copy.originality = Originality::kOtherAccountCopy;
  EXPECT_EQ(Ask(policy, copy).message,
            "The sender's hypothesis for account 'acme' is a near-copy of a hypothesis for "
            "another account; a cold touch needs one in the seller's own words.");
  copy.originality = Originality::kOtherSellerCopy;
  EXPECT_EQ(Ask(policy, copy).decision.outcome, Outcome::kSuppress);
}

TEST(HypothesisRuleTest, NoAccountOrNoSenderCannotHaveOne) {
  const Policy policy = PolicyFrom(kPolicy);
  EXPECT_EQ(Ask(policy, Fresh(), Kind::kCold, "").decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(Ask(policy, Fresh(), Kind::kCold, "acme", "").message,
            "The touch names no sender, and the policy sends a touch of this kind only with its "
            "sender's hypothesis for the account.");
}

TEST(HypothesisRuleTest, OnlyTheKindsItAppliesToAndOnlyWhenThePolicyAsks) {
  EXPECT_EQ(Ask(PolicyFrom(kPolicy), std::nullopt, Kind::kPromotional).decision.outcome,
            Outcome::kSend);
  EXPECT_EQ(Ask(PolicyFrom("[kinds.cold]\nrequires_icp = false\n"), std::nullopt).decision.outcome,
            Outcome::kSend);
  const Policy promotional = PolicyFrom("[brief.hypothesis]\napplies_to = [\"promotional\"]\n");
  EXPECT_EQ(Ask(promotional, std::nullopt, Kind::kPromotional).decision.outcome,
            Outcome::kSuppress);
}

TEST(HypothesisRuleTest, ThePolicySectionIsValidatedWithLines) {
  absl::StatusOr<Policy> bad = LoadPolicyFromString(
      "[brief.hypothesis]\nmin_words = -1\nmax_brief_share = 2\napplies_to = [\"cld\"]\nfoo = 1\n",
      "p.toml", NoPolicyFiles());
  ASSERT_FALSE(bad.ok());
  const std::string message(bad.status().message());
  EXPECT_NE(message.find("p.toml:2"), std::string::npos) << message;
  EXPECT_NE(message.find("brief.hypothesis.min_words"), std::string::npos) << message;
  EXPECT_NE(message.find("brief.hypothesis.max_brief_share"), std::string::npos) << message;
  EXPECT_NE(message.find("'cld' is not a kind"), std::string::npos) << message;
  EXPECT_NE(message.find("foo"), std::string::npos) << message;
}

}  // namespace
}  // namespace tact
