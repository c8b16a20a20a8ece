// address.<channel>: the person's address on the channel bounced permanently
// (a provider reported a hard bounce). Every kind waits until the caller
// sends a new address (PUT /v1/people/{id} with a changed email or phone).
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckAddress(const RuleInput& input, Reasons* reasons);

}  // namespace tact
