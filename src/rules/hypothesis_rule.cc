#include "rules/hypothesis_rule.h"

#include <algorithm>
#include <climits>

namespace tact {

bool HypothesisBacks(const HypothesisRule& rule, const HypothesisStanding& standing, Minute at) {
  return at - standing.written <= rule.max_age_minutes && standing.words >= rule.min_words &&
         standing.originality == Originality::kOwnWords;
}

// Long: one early return per way a hypothesis falls short, in the order a
// seller would fix them.
void CheckHypothesis(const RuleInput& input, Reasons* reasons) {
  const HypothesisRule& rule = input.policy.hypothesis;
  if (!rule.enabled || !rule.applies_to.Contains(input.touch.kind)) return;
  Reason reason{ReasonCode::kHypothesisMissing, "brief.hypothesis", -1, input.at};
  const std::optional<HypothesisStanding>& standing =
      input.signals != nullptr ? input.signals->hypothesis : std::nullopt;
  if (input.person.account_id.empty()) {
    reason.detail = "account";
  } else if (input.touch.sender.empty()) {
    reason.detail = "sender";
  } else if (!standing) {
    // Missing, as set.
  } else if (input.at - standing->written > rule.max_age_minutes) {
    reason.code = ReasonCode::kHypothesisStale;
    reason.window = rule.max_age;
    reason.count =
        static_cast<int>(std::min<Minute>((input.at - standing->written) / (24 * 60), INT_MAX));
  } else if (standing->words < rule.min_words) {
    reason.code = ReasonCode::kHypothesisThin;
    reason.count = standing->words;
    reason.limit = rule.min_words;
  } else if (standing->originality != Originality::kOwnWords) {
    reason.code = ReasonCode::kHypothesisCopied;
    reason.detail = kOriginalityNames.Name(standing->originality);
    if (standing->originality == Originality::kBriefCopy) {
      reason.score = standing->copied_share;
      reason.threshold = rule.max_brief_share;
    }
  } else {
    return;
  }
  reasons->push_back(reason);
}

}  // namespace tact
