// content.mass_template: a text that already reached [content]
// mass_template.max_recipients distinct people within its window is
// suppressed for the next one: sending the same script to everyone is not
// the personal work a cold touch needs. The count comes from the shell
// (Signals::template_recipients, ports/template_counts.h). Kinds:
// mass_template.applies_to (cold by default).
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckMassTemplate(const RuleInput& input, Reasons* reasons);

}  // namespace tact
