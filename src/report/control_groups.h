// The control groups (policy [control]) as the mirror sees them live: per
// group, replies, meetings and conversions per person of the people left
// in ("treated") against those held out, and the difference with its 95 %
// interval, so a team sees whether its volume adds anything.
//
// The groups' sizes are the people tact knows times the group's share (the
// draw is a uniform hash, so the count is within a fraction of a percent of
// it for a large base). A team's group is drawn among the people the
// company-wide group leaves in. The interval treats each group's outcomes
// as Poisson counts: (treated − control) ± 1.96 √(x_t / n_t² + x_c / n_c²).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "codec/json_writer.h"
#include "policy/policy.h"
#include "report/mirror.h"
#include "report/report_query.h"

namespace tact {

struct ControlOutcome {
  int64_t treated = 0, control = 0;                 // counts in the range
  double treated_per_100 = 0, control_per_100 = 0;  // per 100 people of each group
  double lift = 0, low = 0, high = 0;               // per 100 people: treated − control, interval
};

struct ControlGroupRow {
  std::string team;  // "" for the company-wide group
  double share = 0;
  double treated_people = 0, control_people = 0;  // expected sizes
  // Replies, meetings, conversions; then replies and meetings together
  // (the value the mirror counts elsewhere).
  std::array<ControlOutcome, 4> outcomes;
};

// One row for the company-wide group (when its share is above 0) and one
// per team group; none without [control]. Only the range applies.
std::vector<ControlGroupRow> ReadControlGroups(const MirrorReader& mirror, const ReportQuery& query,
                                               const ControlGroup& control, int64_t people);

// {"from", "to", "people", "groups": [{"team", "share", "treated_people",
// "control_people", "replied"|"meetings"|"converted"|"value": {"treated",
// "control", "treated_per_100", "control_per_100", "lift", "low", "high"}}]}
void WriteControlGroupsJson(JsonWriter& writer, const std::vector<ControlGroupRow>& rows,
                            const ReportQuery& query, int64_t people);

}  // namespace tact
