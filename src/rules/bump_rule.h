// content.bump: a follow-up (a touch in a thread the person has heard in
// before, or with step > 1) that adds nothing is suppressed: its text is the
// same as the thread's previous step (fingerprints at most near_distance bits
// apart), or it is short (at most bump.max_words words of new text) and
// contains a bump phrase of the lexicon ("just checking in"). A reply from
// the person since the previous step makes it a conversation, not a bump.
// Kinds: bump.applies_to.
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckBump(const RuleInput& input, Reasons* reasons);

}  // namespace tact
