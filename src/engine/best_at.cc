#include "engine/best_at.h"

#include <algorithm>

#include "core/day.h"
#include "rules/pipeline.h"
#include "rules/quiet_hours.h"

namespace tact {

Minute BestMinuteFor(const RuleInput& input, Minute from, const SendTimePrior& prior) {
  const LocalClock& clock = ClockFor(input.policy, input.person);
  const ReadingShares shares(input.history.send_time(), prior, DayOfMinute(from));
  const Touch& touch = input.touch;
  const absl::Time asked = FromMinute(input.at);
  const absl::Time first_asked = std::min(touch.first_asked.value_or(asked), asked);
  // Expiry and max_delay only close: past them, no later minute is allowed.
  // A soft rule's objection names the earliest minute it allows.
  const auto next_allowed = [&](Minute candidate) -> Minute {
    const absl::Time at = FromMinute(candidate);
    if (touch.expires && at > *touch.expires) return kNever;
    if (at - first_asked > input.kind_rules.max_delay) return kNever;
    Blocks blocks;
    for (SoftRule rule : SoftRules()) {
      rule(input, candidate, &blocks);
      if (!blocks.empty()) return std::max(blocks.front().next_allowed, candidate + 1);
    }
    return candidate;
  };
  return BestMinute(shares, from, input.policy.send_time.horizon_minutes, &clock, next_allowed);
}

}  // namespace tact
