#include "rules/mass_template_rule.h"

#include <gtest/gtest.h>

#include "content/analysis.h"
#include "engine/decide.h"
#include "rules/explain.h"
#include "store/template_counter.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

// One script, sent with each person's name and company filled in.
std::string Script(const std::string& name, const std::string& company) {
  return "Hi " + name + ",\nI noticed " + company +
         " is growing fast. Companies like yours use our platform to cut onboarding time in half. "
         "Do you have 15 minutes next week?";
}

TEST(MassTemplateRuleTest, TheSameScriptToMoreThanNPeopleIsSuppressed) {
  const Policy policy = PolicyFrom(
      "[kinds.cold]\nrequires_icp = false\n"
      "[content]\nmass_template = { max_recipients = 3, window = \"30d\" }\n");
  TemplateCounter counter;
  const std::vector<std::pair<std::string, std::string>> people = {
      {"Anna", "Northwind"}, {"Bob", "Initech"}, {"Chen", "Globex"}, {"Dana", "Umbrella"}};
  std::vector<Outcome> outcomes;
  for (size_t index = 0; index < people.size(); ++index) {
    const Person person = PersonIn("", "p-" + std::to_string(index));
    Touch touch = MakeTouch(Channel::kEmail, Kind::kCold, T("2027-03-01T10:00:00Z"));
    touch.body = Script(people[index].first, people[index].second);
    // As the service does: analyse first, look the fingerprint up, decide, count.
    const ContentFacts facts = AnalyzeContent(policy.content.analysis(), touch);
    Signals signals;
    signals.content = &facts;
    signals.template_recipients = counter.Count(facts.fingerprint, ToMinute(*touch.at), 30);
    const Decision decision =
        Decide(policy, person, nullptr, History{}, touch, *touch.at, &signals);
    outcomes.push_back(decision.outcome);
    if (decision.record && decision.content->new_to_person)
      counter.Add(TextFingerprint(decision), decision.record->minute);
    if (index == 3) {
      ASSERT_EQ(decision.reasons.size(), 1u);
      EXPECT_EQ(decision.reasons[0].rule, "content.mass_template");
      EXPECT_EQ(Explain(decision.reasons[0], ExplainContext{policy, person, nullptr, touch}),
                "This text already went to 3 people within 30d; the policy lets cold content "
                "reach at most 3 before it must be written for the person.");
    }
  }
  EXPECT_EQ(outcomes, (std::vector<Outcome>{Outcome::kSend, Outcome::kSend, Outcome::kSend,
                                            Outcome::kSuppress}));
}

TEST(MassTemplateRuleTest, OnlyColdTouchesAreJudgedByDefault) {
  const Policy policy = PolicyFrom("[content]\nmass_template = { max_recipients = 1 }\n");
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-01T10:00:00Z"));
  touch.body = Script("Anna", "Northwind");
  Signals signals;
  signals.template_recipients = 5000;
  EXPECT_EQ(Decide(policy, PersonIn(""), nullptr, History{}, touch, *touch.at, &signals).outcome,
            Outcome::kSend);
}

}  // namespace
}  // namespace tact
