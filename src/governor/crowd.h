// What a decision's person's history shows about the touches around it, for
// the mirror: how many touches the person has had in the week and the 30
// days of a send (the touches-per-person distribution), and whose touches
// filled the window of a touch held back (the collision matrix). Read under
// the person's lock, beside the decision, so it costs no second look-up.
//
// Pure: no I/O, no clock.
#pragma once

#include <cstdint>

#include "absl/container/inlined_vector.h"
#include "core/decision.h"
#include "core/history.h"
#include "core/stable_key.h"
#include "core/touch.h"
#include "policy/policy.h"

namespace tact {

struct Crowd {
  // A recorded send that counts for budgets: the person's touches that
  // count for budgets, this one included, in its week (core/day.h WeekOf)
  // and its 30-day period (ThirtyDaysOf), from every team and from its
  // own. 0 for every other decision. Saturates at 255.
  uint8_t week_all = 0, week_team = 0, period_all = 0, period_team = 0;
  // A touch held back because of other touches (a budget, the tier
  // reserve, a gap, the sender limit): the teams of the touches that rule
  // counted, each once, in the order first seen; 0 stands for touches
  // whose team tact did not keep.
  absl::InlinedVector<TeamKey, 4> crowded_by;
};

// `history` as it is after the decision (with a send recorded). Reasons
// that hold a `policy_index` must come from `policy`. A dry run reads nothing.
Crowd ReadCrowd(const Policy& policy, const History& history, const Touch& touch,
                const Decision& decision);

}  // namespace tact
