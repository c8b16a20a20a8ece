// engagement.dormant: after `dormant_after_ignored` ignored touches in a row
// (no counted open, click, reply or meeting within the attribution window),
// the person is dormant and kinds in `applies_to` share the dormant budget.
// One engagement ends it: the streak counts only touches after the last one.
#pragma once

#include "rules/rule.h"

namespace tact {

// Ignored touches in a row at minute `at`: ignorable touches after the last
// engagement whose attribution window has closed, plus those pruning forgot.
int IgnoredInARow(const Engagement& engagement, const History& history, Minute at);

bool IsDormant(const Engagement& engagement, const History& history, Minute at);

void CheckDormant(const RuleInput& input, Minute candidate, Blocks* blocks);

}  // namespace tact
