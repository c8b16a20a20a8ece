#include "rules/reputation.h"

namespace tact {

void CheckComplaintRate(const RuleInput& input, Minute candidate, Blocks* blocks) {
  const ComplaintGuard& guard = input.policy.complaints;
  if (input.signals == nullptr || !guard.applies_to.Contains(input.touch.kind)) return;
  // policy_index tells the two apart: 0 the campaign, 1 the sending domain.
  const std::optional<ComplaintRate>* rates[2] = {&input.signals->campaign, &input.signals->domain};
  for (int index = 0; index < 2; ++index) {
    const std::optional<ComplaintRate>& rate = *rates[index];
    if (!rate || !OverComplaintLimit(guard, *rate) || candidate >= rate->clears_at) continue;
    Reason reason{ReasonCode::kComplaintRate, "reputation.complaints", index, candidate};
    reason.window = guard.window;
    reason.count = static_cast<int>(rate->complaints);
    reason.limit = static_cast<int>(std::min<int64_t>(rate->sent, INT32_MAX));
    reason.score = static_cast<double>(rate->complaints) / static_cast<double>(rate->sent);
    reason.threshold = guard.rate_max;
    reason.not_before = FromMinute(rate->clears_at);
    blocks->push_back(Block{rate->clears_at, reason});
  }
}

}  // namespace tact
