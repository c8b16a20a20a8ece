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
  const double team_share = control.TeamShare(input.touch.team);
  if (!input.touch.team.empty() && InHoldout(control.salt, input.touch.team, person, team_share)) {
    // The policy holds the team's name (its [control.teams] key).
    reason.detail = control.teams.find(input.touch.team)->first;
    reasons->push_back(reason);
  }
}

}  // namespace tact
