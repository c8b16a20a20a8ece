// quiet_hours: no touch on the listed channels during the person's local
// quiet hours (their own IANA zone, or the policy's default zone), with one
// window for weekdays and one for weekend days. Soft: defers to the first
// local minute outside quiet hours, computed day by day across DST changes.
#pragma once

#include "rules/rule.h"

namespace tact {

// The first instant at or after `from` that is outside quiet hours in `zone`,
// or kNever if the week has no such time (the loader rejects such policies).
Minute NextOutsideQuietHours(const QuietHours& quiet, const LocalClock& clock, Minute from);

// The clock quiet hours use for this person: their own zone, or the policy default.
const LocalClock& ClockFor(const Policy& policy, const Person& person);

void CheckQuietHours(const RuleInput& input, Minute candidate, Blocks* blocks);

}  // namespace tact
