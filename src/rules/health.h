// health.escalation, health.commitment: kinds listed in [health].hold (by
// default promotional and cold) wait while the account has an open escalation
// or a missed commitment; nobody wants a pitch while their problem is open.
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckHealth(const RuleInput& input, Reasons* reasons);

}  // namespace tact
