#include "rules/health.h"

namespace tact {

void CheckHealth(const RuleInput& input, Reasons* reasons) {
  if (input.account == nullptr || !input.policy.health_hold.Contains(input.touch.kind)) return;
  const Account& account = *input.account;
  if (account.open_escalations > 0) {
    Reason reason{ReasonCode::kHealthEscalation, "health.escalation"};
    reason.count = account.open_escalations;
    reasons->push_back(reason);
  }
  if (account.missed_commitments > 0) {
    Reason reason{ReasonCode::kHealthCommitment, "health.commitment"};
    reason.count = account.missed_commitments;
    reasons->push_back(reason);
  }
}

}  // namespace tact
