#include "testing/rule_test.h"

#include "engine/decide.h"
#include "rules/explain.h"

namespace tact::testing {

RuleTest::RuleTest(const std::string& policy_toml)
    : policy_(PolicyFrom(policy_toml)), person_(PersonIn("")) {}

Decision RuleTest::Ask(const Touch& touch, const Account* account, const Signals* signals) const {
  return Decide(policy_, person_, account, history_, touch, *touch.at, signals);
}

Decision RuleTest::AskAndRecord(const Touch& touch) {
  Decision decision = Ask(touch);
  if (decision.record) history_.Record(*decision.record, TextFingerprint(decision));
  return decision;
}

std::string RuleTest::Sentence(const Reason& reason, const Touch& touch,
                               const Account* account) const {
  return Explain(reason, ExplainContext{policy_, person_, account, touch});
}

}  // namespace tact::testing
