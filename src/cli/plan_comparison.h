// The terminal table of `tact plan --compare`: each group's sent, deferred
// and suppressed under both policies, the most changed first.
#pragma once

#include <ostream>

#include "absl/strings/string_view.h"
#include "plan/plan_compare.h"

namespace tact {

void PrintPlanComparison(std::ostream& out, const PlanComparison& comparison,
                         absl::string_view before_name, absl::string_view after_name, int top);

}  // namespace tact
