// Sellers' hypotheses as JSON (POST and GET /v1/accounts/{id}/hypotheses;
// docs/openapi.yaml, Hypothesis): what was written, whether it is in the
// seller's own words, and whether it meets brief.hypothesis as the policy in
// force judges it at `now` (with the rule's own sentence when it does not).
#pragma once

#include <string>
#include <vector>

#include "absl/time/time.h"
#include "policy/policy.h"
#include "ports/hypotheses.h"

namespace tact {

std::string HypothesisJson(const Hypothesis& hypothesis, const Policy& policy, absl::Time now);
// {"account_id", "hypotheses": [...]}
std::string HypothesesJson(absl::string_view account_id, const std::vector<Hypothesis>& list,
                           const Policy& policy, absl::Time now);

}  // namespace tact
