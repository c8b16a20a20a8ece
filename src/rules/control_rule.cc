#include "rules/control_rule.h"

#include "core/holdout.h"

namespace tact {

void CheckControlHoldout(const RuleInput& input, Reasons* reasons) {
  const ControlGroup& control = input.policy.control;
  if (!control.enabled || !control.kinds.Contains(input.touch.kind)) return;
  const std::string& person = input.person.id;
  Reason reason{ReasonCode::kControlHoldout, "control.holdout", -1, input.at};
  if (InHoldout(control.salt, "", person, control.holdout)) {
    reasons->push_back(reason);
    return;
  }
  const auto team = control.teams.find(absl::string_view(input.touch.team));
  if (team != control.teams.end() && InHoldout(control.salt, team->first, person, team->second)) {
    reason.detail = team->first;  // the policy holds the name (its [control.teams] key)
    reasons->push_back(reason);
  }
}

}  // namespace tact
