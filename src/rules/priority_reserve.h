// priority.reserve: a tier may use only its share of each budget, so higher
// tiers keep headroom (with shares 1.0 / 0.67 / 0.34 of a 3-a-week budget,
// relationship may use all 3 slots, promotional 2, cold 1). A tier's
// allowance is floor(share x max) but at least 1 of any budget above 0.
// Tiers apply to the budgets tiers share (all channels, one channel); a
// budget scoped to a kind is that kind's alone and is used in full.
// The tier is the touch's `priority`, or the tier named after its kind.
#pragma once

#include "rules/rule.h"

namespace tact {

// How many touches of `budget_max` a tier with `share` may use.
int TierAllowance(double share, int budget_max);

void CheckPriorityReserve(const RuleInput& input, Minute candidate, Blocks* blocks);

}  // namespace tact
