// consent.<channel>: the person opted out of the channel, or the policy needs
// an opt-in there (for the person's country) and the person has not given it.
// Kinds with consent = "opt_out_only" answer only to explicit opt-outs.
// consent.list: the touch goes out on a list the person left; every kind.
#pragma once

#include "rules/rule.h"

namespace tact {

// "consent.email", "consent.sms", …
absl::string_view ConsentRuleId(Channel channel);

void CheckConsent(const RuleInput& input, Reasons* reasons);

}  // namespace tact
