#include "rules/mass_template_rule.h"

namespace tact {

void CheckMassTemplate(const RuleInput& input, Reasons* reasons) {
  const ContentRules& rules = input.policy.content;
  if (rules.mass_max_recipients == 0 || input.content == nullptr ||
      input.content->fingerprint == 0 || input.signals == nullptr ||
      !input.signals->template_recipients || !rules.mass_applies_to.Contains(input.touch.kind)) {
    return;
  }
  const int64_t recipients = *input.signals->template_recipients;
  if (recipients < rules.mass_max_recipients) return;
  Reason reason{ReasonCode::kMassTemplate, "content.mass_template", -1, input.at};
  reason.window = rules.mass_window;
  reason.count = static_cast<int>(std::min<int64_t>(recipients, INT32_MAX));
  reason.limit = rules.mass_max_recipients;
  reasons->push_back(reason);
}

}  // namespace tact
