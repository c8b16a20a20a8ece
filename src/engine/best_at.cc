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
  const auto allowed = [&](Minute candidate) {
    const absl::Time at = FromMinute(candidate);
    if (touch.expires && at > *touch.expires) return false;
    if (at - first_asked > input.kind_rules.max_delay) return false;
    Blocks blocks;
    for (SoftRule rule : SoftRules()) {
      rule(input, candidate, &blocks);
      if (!blocks.empty()) return false;
    }
    return true;
  };
  return BestMinute(shares, from, input.policy.send_time.horizon_minutes, &clock, allowed);
}

}  // namespace tact
