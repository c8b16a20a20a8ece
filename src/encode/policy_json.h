// The policy's answers as JSON (docs/openapi.yaml): what PUT /v1/policy
// put in force, and GET /v1/policy/versions.
#pragma once

#include <string>
#include <vector>

#include "policy/policy.h"
#include "ports/policy_versions.h"

namespace tact {

// {"policy": {"source", "version", "budgets", "gaps", "tiers", "quiet_hours", "icp_rules"}}
std::string PolicySummaryJson(const Policy& policy);

// {"versions": [{"version", "at", "token", "origin", "changes", "text"}], "more": bool}:
// `listed` the latest first; `more` when older versions were left off.
std::string PolicyVersionsJson(const std::vector<PolicyVersion>& listed, bool more);

}  // namespace tact
