#include "rules/language_rule.h"

#include "content/language.h"

namespace tact {

namespace {

// The primary language the touch is judged by, or empty when unknown.
std::string TouchLanguage(const RuleInput& input) {
  if (input.content != nullptr) return input.content->language;
  return PrimaryLanguage(input.touch.language);
}

}  // namespace

void CheckLanguage(const RuleInput& input, Reasons* reasons) {
  const Relevance& relevance = input.policy.relevance;
  if (!relevance.language_required || !relevance.language_applies_to.Contains(input.touch.kind) ||
      input.person.ReadsLanguages().empty()) {
    return;
  }
  const std::string language = TouchLanguage(input);
  if (language.empty() || ReadsLanguage(input.person.ReadsLanguages(), language)) return;
  Reason reason{ReasonCode::kLanguage, "relevance.language", -1, input.at};
  // Explain reads a declared language from the touch; a detected one is here.
  if (input.content != nullptr && (!input.content->declared || input.content->detection_decided)) {
    reason.detail = input.content->detected.code;
    reason.count = input.content->detected.percent;
  }
  reasons->push_back(reason);
}

}  // namespace tact
