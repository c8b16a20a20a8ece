// content.repeat: a text the person already received within [content]
// repeat.window (a recorded touch whose fingerprint is at most near_distance
// bits from this one) is suppressed. Kinds: repeat.applies_to.
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckRepeat(const RuleInput& input, Reasons* reasons);

}  // namespace tact
