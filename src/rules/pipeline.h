// The rules in the order they run. The order is part of the documented
// behaviour (docs/policy.md): reasons appear in it.
//   hard: consent.*, address.*, health.*, icp.fit, relevance.language,
//         relevance.region, followup.unanswered, content.repeat,
//         content.bump, content.mass_template
//   soft: budget.*, priority.reserve, gap.*, sender.*, followup.gap,
//         engagement.dormant, reputation.complaints, quiet_hours
#pragma once

#include <span>

#include "rules/rule.h"

namespace tact {

std::span<const HardRule> HardRules();
std::span<const SoftRule> SoftRules();

}  // namespace tact
