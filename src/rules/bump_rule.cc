#include "rules/bump_rule.h"

#include <optional>

#include "content/fingerprint.h"

namespace tact {

void CheckBump(const RuleInput& input, Reasons* reasons) {
  const ContentRules& rules = input.policy.content;
  if (!rules.bump || input.thread == 0 || input.content == nullptr ||
      input.content->fingerprint == 0 || !rules.bump_applies_to.Contains(input.touch.kind)) {
    return;
  }
  const auto touches = input.history.touches();
  std::optional<size_t> previous;  // the thread's latest touch up to now
  for (size_t index = 0; index < touches.size(); ++index) {
    if (touches[index].thread == input.thread && touches[index].minute <= input.at)
      previous = index;
  }
  if (!previous && input.touch.step <= 1) return;  // an opener, not a follow-up
  if (previous && input.history.last_reply() >= touches[*previous].minute) return;

  Reason reason{ReasonCode::kContentBump, "content.bump", -1, input.at};
  const uint64_t previous_text = previous ? input.history.fingerprint(*previous) : 0;
  if (previous && SameText(previous_text, input.content->fingerprint, rules.near_distance)) {
    reason.score = HammingDistance(previous_text, input.content->fingerprint);
    reason.threshold = rules.near_distance;
    reasons->push_back(reason);
    return;
  }
  if (input.content->bump) {
    reason.detail = input.content->bump->phrase;
    reason.count = input.content->words;
    reason.limit = rules.bump_max_words;
    reasons->push_back(reason);
  }
}

}  // namespace tact
