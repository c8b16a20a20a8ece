// The person's own say (core/preferences.h), obeyed by every tool through
// four rules under the policy's [preferences] (policy.h, PreferencePolicy).
// Touches of the policy's exempt kinds (transactional) pass them all.
//   preference.channel    suppress a touch on a channel the person did not
//                         choose;
//   preference.topic      suppress a touch whose topic the person did not
//                         choose (a touch without a topic passes);
//   preference.frequency  the person's frequency choice: a budget of their
//                         own (defer until it has room, like any budget), or
//                         "only" some kinds (suppress the rest);
//   preference.pause      while paused, suppress the kinds the policy's
//                         pause suppresses, defer to its end those it defers.
// The person's chosen languages feed relevance.language (language_rule.h).
#pragma once

#include "rules/rule.h"

namespace tact {

// Hard: channel, topic, frequency's "only", the pause's suppressed kinds.
void CheckPreferenceChoices(const RuleInput& input, Reasons* reasons);
// Soft: frequency's own budget, the pause's deferred kinds.
void CheckPreferenceLimits(const RuleInput& input, Minute candidate, Blocks* blocks);

}  // namespace tact
