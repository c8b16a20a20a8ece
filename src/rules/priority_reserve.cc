#include "rules/priority_reserve.h"

#include <algorithm>
#include <cmath>

#include "rules/budget.h"
#include "rules/window.h"

namespace tact {

int TierAllowance(double share, int budget_max) {
  if (budget_max <= 0) return 0;
  return std::max(1, static_cast<int>(std::floor(share * budget_max + 1e-9)));
}

void CheckPriorityReserve(const RuleInput& input, Minute candidate, Blocks* blocks) {
  if (!input.kind_rules.budgets || input.tier_share >= 1.0) return;
  const auto& budgets = input.policy.budgets;
  for (size_t index = 0; index < budgets.size(); ++index) {
    const Budget& budget = budgets[index];
    if (!budget.scope.Covers(input.touch.channel, input.touch.kind)) continue;
    // A kind's own budget is used by that kind alone: nothing to reserve.
    if (budget.scope.type == Scope::Type::kKind) continue;
    const int allowance = TierAllowance(input.tier_share, budget.max);
    if (allowance >= budget.max) continue;
    const MinuteList& minutes = input.counted->by_scope[budget.scope_index];
    const Minute window = budget.window_minutes;
    if (FitsWindow(minutes, candidate, window, allowance)) continue;
    const Minute next = EarliestFit(minutes, candidate, window, allowance);
    Reason reason{ReasonCode::kPriorityReserve, "priority.reserve", static_cast<int>(index),
                  candidate};
    reason.window = budget.window;
    reason.count = TouchesNear(minutes, candidate, window);
    reason.limit = allowance;
    reason.not_before = FromMinute(next);
    blocks->push_back(Block{next, reason});
  }
}

}  // namespace tact
