#include "rules/hypothesis_rule.h"

#include <algorithm>
#include <climits>

namespace tact {

std::optional<Reason> HypothesisShortfall(const HypothesisRule& rule,
                                          const std::optional<HypothesisStanding>& standing,
                                          Minute at) {
  Reason reason{ReasonCode::kHypothesisMissing, "brief.hypothesis", -1, at};
  if (!standing) return reason;
  if (at - standing->written > rule.max_age_minutes) {
    reason.code = ReasonCode::kHypothesisStale;
    reason.window = rule.max_age;
    reason.count =
        static_cast<int>(std::min<Minute>((at - standing->written) / (24 * 60), INT_MAX));
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
    return std::nullopt;
  }
  return reason;
}

void CheckHypothesis(const RuleInput& input, Reasons* reasons) {
  const HypothesisRule& rule = input.policy.hypothesis;
  if (!rule.enabled || !rule.applies_to.Contains(input.touch.kind)) return;
  // Without an account or a sender there is nothing a hypothesis could be for.
  if (input.person.account_id.empty() || input.touch.sender.empty()) {
    Reason reason{ReasonCode::kHypothesisMissing, "brief.hypothesis", -1, input.at};
    reason.detail = input.person.account_id.empty() ? "account" : "sender";
    reasons->push_back(reason);
    return;
  }
  const std::optional<HypothesisStanding> none;
  if (std::optional<Reason> shortfall = HypothesisShortfall(
          rule, input.signals != nullptr ? input.signals->hypothesis : none, input.at)) {
    reasons->push_back(*shortfall);
  }
}

}  // namespace tact
