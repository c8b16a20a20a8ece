// reputation.complaints: when the touch's campaign (or its sending domain)
// drew spam complaints at or above the policy's rate over the window, with at
// least `min_sent` sends to judge by, kinds in `applies_to` (promotional and
// cold) wait until old complaints leave the window. Mailbox providers judge
// a sender by this rate; past it, everyone's mail goes to spam.
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckComplaintRate(const RuleInput& input, Minute candidate, Blocks* blocks);

}  // namespace tact
