#include "rules/bump_rule.h"

#include "content/fingerprint.h"

namespace tact {

void CheckBump(const RuleInput& input, Reasons* reasons) {
  const ContentRules& rules = input.policy.content;
  if (!rules.bump || input.thread == 0 || input.content == nullptr ||
      input.content->fingerprint == 0 || !rules.bump_applies_to.Contains(input.touch.kind)) {
    return;
  }
  const TouchRecord* previous = nullptr;
  for (const TouchRecord& record : input.history.touches()) {
    if (record.thread == input.thread && record.minute <= input.at) previous = &record;
  }
  if (previous == nullptr && input.touch.step <= 1) return;  // an opener, not a follow-up
  if (previous != nullptr && input.history.last_reply() >= previous->minute) return;

  Reason reason{ReasonCode::kContentBump, "content.bump", -1, input.at};
  if (previous != nullptr &&
      SameText(previous->fingerprint, input.content->fingerprint, rules.near_distance)) {
    reason.score = HammingDistance(previous->fingerprint, input.content->fingerprint);
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
