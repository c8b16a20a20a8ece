// relevance.region: an invitation (a touch with `event_location`) to an
// event farther from the person than [relevance] max_event_distance_km (both
// points known; haversine), or outside the person's region at the policy's
// `event_region` level (country, UN M.49 sub-continent or continent, from
// ICU's region data; both countries known), is suppressed. Kinds:
// [relevance] event_applies_to.
#pragma once

#include "rules/rule.h"

namespace tact {

void CheckEventRegion(const RuleInput& input, Reasons* reasons);

}  // namespace tact
