// The rules in the order they run. The order is part of the documented
// behaviour (docs/policy.md): reasons appear in it.
//   hard: consent.*, health.*, icp.fit, followup.unanswered
//   soft: budget.*, priority.reserve, gap.*, sender.*, followup.gap, quiet_hours
#pragma once

#include <span>

#include "rules/rule.h"

namespace tact {

std::span<const HardRule> HardRules();
std::span<const SoftRule> SoftRules();

}  // namespace tact
