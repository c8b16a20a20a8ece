// brief.hypothesis: a touch of the kinds the rule applies to (cold, by
// default) is suppressed unless its sender has a current hypothesis for the
// person's account in their own words (policy.h, HypothesisRule). The
// Governor loads the sender's latest hypothesis into Signals::hypothesis;
// the suppressed answer carries the account brief's top questions.
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckHypothesis(const RuleInput& input, Reasons* reasons);

}  // namespace tact
