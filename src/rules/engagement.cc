#include "rules/engagement.h"

#include "rules/window.h"

namespace tact {

int IgnoredInARow(const Engagement& engagement, const History& history, Minute at) {
  int ignored = history.ignored_pruned();
  for (const TouchRecord& record : history.touches()) {
    if (!History::IsIgnorable(record) || record.minute <= history.last_engaged()) continue;
    if (int64_t{record.minute} + engagement.attribution_minutes > at) break;
    ++ignored;
  }
  return ignored;
}

bool IsDormant(const Engagement& engagement, const History& history, Minute at) {
  return engagement.dormant_after_ignored > 0 &&
         IgnoredInARow(engagement, history, at) >= engagement.dormant_after_ignored;
}

void CheckDormant(const RuleInput& input, Minute candidate, Blocks* blocks) {
  const Engagement& engagement = input.policy.engagement;
  if (engagement.dormant_after_ignored == 0 || !engagement.applies_to.Contains(input.touch.kind))
    return;
  const int ignored = IgnoredInARow(engagement, input.history, input.at);
  if (ignored < engagement.dormant_after_ignored) return;
  MinuteList minutes;
  for (const TouchRecord& record : input.history.touches()) {
    if (record.counts_for_budgets) minutes.push_back(record.minute);
  }
  const Minute window = engagement.dormant_window_minutes;
  if (FitsWindow(minutes, candidate, window, engagement.dormant_max)) return;
  const Minute next = EarliestFit(minutes, candidate, window, engagement.dormant_max);
  Reason reason{ReasonCode::kDormant, "engagement.dormant", -1, candidate};
  reason.window = engagement.dormant_window;
  reason.count = ignored;
  reason.limit = engagement.dormant_max;
  if (next != kNever) reason.not_before = FromMinute(next);
  blocks->push_back(Block{next, reason});
}

}  // namespace tact
