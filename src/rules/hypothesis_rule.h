// brief.hypothesis: a touch of the kinds the rule applies to (cold, by
// default) is suppressed unless its sender has a current hypothesis for the
// person's account in their own words (policy.h, HypothesisRule). The
// Governor loads the sender's latest hypothesis into Signals::hypothesis;
// the suppressed answer carries the account brief's top questions.
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckHypothesis(const RuleInput& input, Reasons* reasons);

// Whether `standing` backs a touch at minute `at` as the rule judges it
// (current, long enough, in the seller's own words), whether or not the
// policy turns the rule on: the mirror counts cold touches backed by one.
bool HypothesisBacks(const HypothesisRule& rule, const HypothesisStanding& standing, Minute at);

}  // namespace tact
