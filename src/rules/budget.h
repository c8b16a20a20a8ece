// budget.<scope>.<window>: at most `max` touches per rolling window, counting
// the touches of kinds with budgets = true that fall in the budget's scope
// (all channels, one channel, or one kind). Soft: defers to when a slot opens.
#pragma once

#include "rules/rule.h"

namespace tact {

// Touches within `window` of `candidate` on either side: what a message
// quotes as "already has N".
int TouchesNear(std::span<const Minute> minutes, Minute candidate, Minute window);

// "across all channels", "by sms", "of kind cold".
std::string ScopePhrase(const Scope& scope);

void CheckBudgets(const RuleInput& input, Minute candidate, Blocks* blocks);

}  // namespace tact
