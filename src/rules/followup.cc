#include "rules/followup.h"

#include <algorithm>

#include "rules/window.h"

namespace tact {

int UnansweredInThread(const RuleInput& input) {
  const Minute since =
      std::max(input.history.last_reply(), input.at - input.policy.followups.memory_minutes);
  const MinuteList& minutes = input.counted->in_thread;
  return static_cast<int>(minutes.end() - std::upper_bound(minutes.begin(), minutes.end(), since));
}

void CheckFollowupUnanswered(const RuleInput& input, Reasons* reasons) {
  const int max = input.policy.followups.max_unanswered;
  if (input.thread == 0 || !input.kind_rules.followups || max == 0) return;
  const int unanswered = UnansweredInThread(input);
  if (unanswered < max) return;
  Reason reason{ReasonCode::kFollowupUnanswered, "followup.unanswered"};
  reason.count = unanswered;
  reason.limit = max;
  reasons->push_back(reason);
}

void CheckFollowupGap(const RuleInput& input, Minute candidate, Blocks* blocks) {
  const absl::Duration gap = input.policy.followups.min_gap;
  if (input.thread == 0 || !input.kind_rules.followups || gap == absl::ZeroDuration()) return;
  const MinuteList& minutes = input.counted->in_thread;
  const Minute gap_minutes = input.policy.followups.min_gap_minutes;
  if (FitsWindow(minutes, candidate, gap_minutes, 1)) return;
  const Minute next = EarliestFit(minutes, candidate, gap_minutes, 1);
  Reason reason{ReasonCode::kFollowupGap, "followup.gap"};
  reason.at = candidate;
  reason.window = gap;
  reason.not_before = FromMinute(next);
  blocks->push_back(Block{next, reason});
}

}  // namespace tact
