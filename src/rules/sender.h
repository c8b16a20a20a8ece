// sender.<window>: at most [sender].max touches from the same sender to this
// person per window, so no one colleague becomes the person's spammer. Soft.
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckSender(const RuleInput& input, Minute candidate, Blocks* blocks);

}  // namespace tact
