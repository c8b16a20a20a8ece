#include "rules/preference_rule.h"

#include <algorithm>

#include "rules/budget.h"
#include "rules/window.h"

namespace tact {
namespace {

constexpr absl::string_view kFrequency = "preference.frequency";
constexpr absl::string_view kChannel = "preference.channel";
constexpr absl::string_view kTopic = "preference.topic";
constexpr absl::string_view kPause = "preference.pause";

// The person's preferences when the policy lets them hold this touch back.
const Preferences* Applicable(const RuleInput& input) {
  const PreferencePolicy& policy = input.policy.preferences;
  const Preferences* chosen = input.person.preferences.get();
  if (!policy.enabled || chosen == nullptr || policy.exempt.Contains(input.touch.kind)) {
    return nullptr;
  }
  return chosen;
}

// The minutes of the person's touches that count against their own budget:
// every recorded touch of a kind a preference may hold back.
MinuteList OwnBudgetMinutes(const RuleInput& input) {
  MinuteList minutes;
  for (const TouchRecord& record : input.history.touches()) {
    if (!input.policy.preferences.exempt.Contains(record.kind)) minutes.push_back(record.minute);
  }
  return minutes;  // the history is oldest first
}

}  // namespace

void CheckPreferenceChoices(const RuleInput& input, Reasons* reasons) {
  const Preferences* chosen = Applicable(input);
  if (chosen == nullptr) return;
  const Touch& touch = input.touch;
  if (!chosen->channels.Empty() && !chosen->channels.Contains(touch.channel)) {
    reasons->push_back(Reason{ReasonCode::kPreferenceChannel, kChannel, -1, input.at});
  }
  if (!touch.topic.empty() && !chosen->topics.empty() &&
      std::find(chosen->topics.begin(), chosen->topics.end(), touch.topic) ==
          chosen->topics.end()) {
    reasons->push_back(Reason{ReasonCode::kPreferenceTopic, kTopic, -1, input.at});
  }
  const FrequencyChoice* frequency = input.policy.preferences.FindFrequency(chosen->frequency);
  if (frequency != nullptr && frequency->only_kinds && !frequency->only.Contains(touch.kind)) {
    Reason reason{ReasonCode::kPreferenceFrequency, kFrequency, -1, input.at};
    reason.detail = frequency->label;
    reasons->push_back(reason);
  }
  if (chosen->Paused(input.at) && input.policy.preferences.pause_suppress.Contains(touch.kind)) {
    Reason reason{ReasonCode::kPreferencePause, kPause, -1, input.at};
    reason.not_before = FromMinute(chosen->paused_until);
    reasons->push_back(reason);
  }
}

void CheckPreferenceLimits(const RuleInput& input, Minute candidate, Blocks* blocks) {
  const Preferences* chosen = Applicable(input);
  if (chosen == nullptr) return;
  if (chosen->Paused(candidate) &&
      input.policy.preferences.pause_defer.Contains(input.touch.kind)) {
    Reason reason{ReasonCode::kPreferencePause, kPause, -1, candidate};
    reason.not_before = FromMinute(chosen->paused_until);
    blocks->push_back(Block{chosen->paused_until, reason});
  }
  const FrequencyChoice* frequency = input.policy.preferences.FindFrequency(chosen->frequency);
  if (frequency == nullptr || frequency->only_kinds) return;
  const MinuteList minutes = OwnBudgetMinutes(input);
  const Minute window = frequency->window_minutes;
  if (FitsWindow(minutes, candidate, window, frequency->max)) return;
  const Minute next = EarliestFit(minutes, candidate, window, frequency->max);
  Reason reason{ReasonCode::kPreferenceFrequency, kFrequency, -1, candidate};
  reason.window = frequency->window;
  reason.count = TouchesNear(minutes, candidate, window);
  reason.limit = frequency->max;
  reason.detail = frequency->label;
  if (next != kNever) reason.not_before = FromMinute(next);
  blocks->push_back(Block{next, reason});
}

}  // namespace tact
