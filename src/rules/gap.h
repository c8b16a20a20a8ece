// gap.<scope>: touches in a scope are at least `min` apart, so one day's
// touches do not arrive in a burst. Soft.
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckGaps(const RuleInput& input, Minute candidate, Blocks* blocks);

}  // namespace tact
