// `tact plan --compare`: the same proposed touches planned under two
// policies, and what became of each under one against the other — per team
// and per campaign, so a policy change is seen in the touches it moves
// before it goes live.
//
// Thread safety: stateless.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "plan/planner.h"

namespace tact {

// One group's touches under each policy, and how many ended differently.
struct OutcomeShift {
  Tally before, after;
  int changed = 0;  // touches whose final outcome differs
};

struct PlanComparison {
  OutcomeShift total;
  absl::flat_hash_map<std::string, OutcomeShift> by_team;
  absl::flat_hash_map<std::string, OutcomeShift> by_campaign;
  // moves[from][to]: touches that ended as `from` under the first policy and
  // `to` under the second, indexed by Outcome.
  std::array<std::array<int, 3>, 3> moves{};
  // Touches planned under one policy only (a row one policy refused).
  int unmatched = 0;
};

// Pairs the two plans' touches by their input line. Both must be planned
// (RunPlan) from the same touches file.
PlanComparison ComparePlans(const std::vector<PlannedTouch>& before,
                            const std::vector<PlannedTouch>& after);

}  // namespace tact
