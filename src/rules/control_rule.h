// control.holdout: people in a control group ([control]) get no touches of
// its kinds — the company-wide group none from anyone, a team's group none
// from that team — so that what held-out people do shows what the touches
// add. Hard: the touch is suppressed, and counted as held out.
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckControlHoldout(const RuleInput& input, Reasons* reasons);

}  // namespace tact
