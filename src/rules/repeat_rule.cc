#include "rules/repeat_rule.h"

#include "content/fingerprint.h"

namespace tact {

void CheckRepeat(const RuleInput& input, Reasons* reasons) {
  const ContentRules& rules = input.policy.content;
  if (!rules.repeat || input.content == nullptr || input.content->fingerprint == 0 ||
      !rules.repeat_applies_to.Contains(input.touch.kind)) {
    return;
  }
  const Minute since = input.at - rules.repeat_window_minutes;
  int matches = 0;
  int closest = 64;
  const auto touches = input.history.touches();
  const auto fingerprints = input.history.fingerprints();  // empty: no touch had text
  for (size_t index = 0; index < fingerprints.size(); ++index) {
    const Minute minute = touches[index].minute;
    if (minute <= since || minute > input.at) continue;
    const uint64_t fingerprint = fingerprints[index];
    if (!SameText(fingerprint, input.content->fingerprint, rules.near_distance)) continue;
    ++matches;
    closest = std::min(closest, HammingDistance(fingerprint, input.content->fingerprint));
  }
  if (matches == 0) return;
  Reason reason{ReasonCode::kContentRepeat, "content.repeat", -1, input.at};
  reason.window = rules.repeat_window;
  reason.count = matches;
  reason.score = closest;
  reason.threshold = rules.near_distance;
  reasons->push_back(reason);
}

}  // namespace tact
