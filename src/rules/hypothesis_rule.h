// brief.hypothesis: a touch of the kinds the rule applies to (cold, by
// default) is suppressed unless its sender has a current hypothesis for the
// person's account in their own words (policy.h, HypothesisRule). The
// Governor loads the sender's latest hypothesis into Signals::hypothesis;
// the suppressed answer carries the account brief's top questions.
#pragma once

#include <optional>

#include "rules/rule.h"

namespace tact {

void CheckHypothesis(const RuleInput& input, Reasons* reasons);

// What the rule objects to in `standing` (nullopt: there is none) for a
// touch at minute `at` — missing, stale, thin or copied — or nullopt when it
// backs the touch, whether or not the policy turns the rule on.
std::optional<Reason> HypothesisShortfall(const HypothesisRule& rule,
                                          const std::optional<HypothesisStanding>& standing,
                                          Minute at);

// Whether `standing` backs a touch at `at`: the mirror counts cold touches
// backed by one.
inline bool HypothesisBacks(const HypothesisRule& rule, const HypothesisStanding& standing,
                            Minute at) {
  return !HypothesisShortfall(rule, standing, at);
}

}  // namespace tact
