#include "rules/region_rule.h"

#include "content/region.h"

namespace tact {

void CheckEventRegion(const RuleInput& input, Reasons* reasons) {
  const Relevance& relevance = input.policy.relevance;
  const std::optional<EventLocation>& event = input.touch.event_location;
  if (!event || !relevance.region_applies_to.Contains(input.touch.kind)) return;

  if (relevance.max_event_distance_km && event->point && input.person.location) {
    const double km = DistanceKm(*input.person.location, *event->point);
    if (km > *relevance.max_event_distance_km) {
      Reason reason{ReasonCode::kEventDistance, "relevance.region", -1, input.at};
      reason.score = km;
      reason.threshold = *relevance.max_event_distance_km;
      reasons->push_back(reason);
      return;
    }
  }
  if (relevance.event_region == RegionLevel::kWorld || event->country.empty() ||
      input.person.country.empty()) {
    return;
  }
  const auto person_region = ContainingRegion(input.person.country, relevance.event_region);
  const auto event_region = ContainingRegion(event->country, relevance.event_region);
  if (!person_region || !event_region || *person_region == *event_region) return;
  Reason reason{ReasonCode::kEventRegion, "relevance.region", -1, input.at};
  reason.detail = *person_region;
  reasons->push_back(reason);
}

}  // namespace tact
