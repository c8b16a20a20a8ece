// relevance.language: a touch in a language the person does not read is
// suppressed. The touch's language is the declared one, else the one CLD2
// reliably detects in its text; a person with no languages, or a touch whose
// language is unknown, passes. Kinds: [relevance] applies_to.
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckLanguage(const RuleInput& input, Reasons* reasons);

}  // namespace tact
