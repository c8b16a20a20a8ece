// followup.unanswered (hard): a thread stops after [followups].max_unanswered
// touches without a reply from the person. followup.gap (soft): steps of one
// thread are at least [followups].min_gap apart. Both apply to kinds with
// followups = true and to touches that name a thread.
#pragma once

#include "rules/rule.h"

namespace tact {

// Touches in the input's thread since the person's last reply, within the
// policy's thread memory.
int UnansweredInThread(const RuleInput& input);

void CheckFollowupUnanswered(const RuleInput& input, Reasons* reasons);
void CheckFollowupGap(const RuleInput& input, Minute candidate, Blocks* blocks);

}  // namespace tact
