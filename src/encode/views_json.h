// The JSON of the Governor's read-only views (governor/views.h), as the API
// answers them (docs/openapi.yaml) and `tact report` embeds them.
#pragma once

#include <string>

#include "governor/views.h"
#include "policy/policy.h"

namespace tact {

// GET /v1/people/{id}/why.
std::string WhyJson(const WhyView& view);
// GET /v1/reports/reputation.
std::string ReputationJson(const ReputationView& view);
// GET /v1/policy.
std::string PolicyJson(const Policy& policy);

}  // namespace tact
