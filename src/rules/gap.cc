#include "rules/gap.h"

#include "rules/budget.h"
#include "rules/window.h"

namespace tact {

void CheckGaps(const RuleInput& input, Minute candidate, Blocks* blocks) {
  if (!input.kind_rules.budgets) return;
  const auto& gaps = input.policy.gaps;
  for (size_t index = 0; index < gaps.size(); ++index) {
    const Gap& gap = gaps[index];
    if (!gap.scope.Covers(input.touch.channel, input.touch.kind)) continue;
    const MinuteList& minutes = input.counted->by_scope[gap.scope_index];
    const Minute span = gap.min_minutes;
    if (FitsWindow(minutes, candidate, span, 1)) continue;
    const Minute next = EarliestFit(minutes, candidate, span, 1);
    Reason reason{ReasonCode::kGap, gap.rule_id, static_cast<int>(index), candidate};
    reason.window = gap.min;
    reason.count = TouchesNear(minutes, candidate, span);
    reason.limit = 1;
    reason.not_before = FromMinute(next);
    blocks->push_back(Block{next, reason});
  }
}

}  // namespace tact
