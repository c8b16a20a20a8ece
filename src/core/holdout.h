// A person's draw for a control group: a number in [0, 1) from a hash of the
// group's salt, its team ("" for the company-wide group) and the person's id.
// The same in every process and after every restart, independent between
// teams, and uniform: a person is held out when their draw is below the
// group's share, so a share of 5 % holds out one person in twenty.
#pragma once

#include "absl/strings/string_view.h"

namespace tact {

double HoldoutDraw(absl::string_view salt, absl::string_view team, absl::string_view person_id);

inline bool InHoldout(absl::string_view salt, absl::string_view team, absl::string_view person_id,
                      double share) {
  return share > 0 && HoldoutDraw(salt, team, person_id) < share;
}

}  // namespace tact
