#include "rules/budget.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "rules/window.h"

namespace tact {

int TouchesNear(std::span<const Minute> minutes, Minute candidate, Minute window) {
  int count = 0;
  for (Minute minute : minutes) {
    if (std::abs(int64_t{minute} - candidate) < window) ++count;
  }
  return count;
}

std::string ScopePhrase(const Scope& scope) {
  switch (scope.type) {
    case Scope::Type::kChannel:
      return absl::StrCat("by ", ChannelName(scope.channel));
    case Scope::Type::kKind:
      return absl::StrCat("of kind ", KindName(scope.kind));
    case Scope::Type::kAll:
      break;
  }
  return "across all channels";
}

void CheckBudgets(const RuleInput& input, Minute candidate, Blocks* blocks) {
  if (!input.kind_rules.budgets) return;
  const auto& budgets = input.policy.budgets;
  for (size_t index = 0; index < budgets.size(); ++index) {
    const Budget& budget = budgets[index];
    if (!budget.scope.Covers(input.touch.channel, input.touch.kind)) continue;
    const MinuteList& minutes = input.counted->by_scope[budget.scope_index];
    const Minute window = budget.window_minutes;
    if (FitsWindow(minutes, candidate, window, budget.max)) continue;
    const Minute next = EarliestFit(minutes, candidate, window, budget.max);
    Reason reason{ReasonCode::kBudget, budget.rule_id, static_cast<int>(index), candidate};
    reason.window = budget.window;
    reason.count = TouchesNear(minutes, candidate, window);
    reason.limit = budget.max;
    if (next != kNever) reason.not_before = FromMinute(next);
    blocks->push_back(Block{next, reason});
  }
}

}  // namespace tact
