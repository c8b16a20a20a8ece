// quiet_hours: no touch on the listed channels during the person's local
// quiet hours (their own IANA zone, or the policy's default zone), with one
// window for weekdays and one for weekend days, and all day on the public
// holidays of their country or region (the reason's detail names it). Soft: defers to the first
// local minute outside quiet hours, computed day by day across DST changes.
#pragma once

#include <string>

#include "core/day.h"
#include "rules/rule.h"

namespace tact {

// The first instant at or after `from` that is outside quiet hours in `zone`,
// or kNever if the week has no such time (the loader rejects such policies).
Minute NextOutsideQuietHours(const QuietHours& quiet, const LocalClock& clock, Minute from);

// The public holiday on local day `local_day` for this person (by their
// region's calendar, then their country's: QuietHours::holidays), or null.
const std::string* HolidayFor(const QuietHours& quiet, const Person& person, Day local_day);

// NextOutsideQuietHours that also passes over the person's public holidays,
// quiet all day.
Minute NextOutsideQuietHoursAndHolidays(const QuietHours& quiet, const LocalClock& clock,
                                        const Person& person, Minute from);

// The clock quiet hours use for this person: their own zone, or the policy default.
const LocalClock& ClockFor(const Policy& policy, const Person& person);

void CheckQuietHours(const RuleInput& input, Minute candidate, Blocks* blocks);

}  // namespace tact
