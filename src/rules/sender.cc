#include "rules/sender.h"

#include "rules/budget.h"
#include "rules/window.h"

namespace tact {

void CheckSender(const RuleInput& input, Minute candidate, Blocks* blocks) {
  const SenderLimit& limit = input.policy.sender;
  if (!limit.enabled || input.sender == 0 || !input.kind_rules.budgets) return;
  const MinuteList& minutes = input.counted->by_sender;
  const Minute window = limit.window_minutes;
  if (FitsWindow(minutes, candidate, window, limit.max)) return;
  const Minute next = EarliestFit(minutes, candidate, window, limit.max);
  Reason reason{ReasonCode::kSender, limit.rule_id, -1, candidate};
  reason.window = limit.window;
  reason.count = TouchesNear(minutes, candidate, window);
  reason.limit = limit.max;
  if (next != kNever) reason.not_before = FromMinute(next);
  blocks->push_back(Block{next, reason});
}

}  // namespace tact
