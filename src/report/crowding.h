// The two views of over-contact the mirror's crowd counts give
// (report/mirror.h MirrorCrowd):
//   - the touches-per-person distribution: per week and per 30-day period,
//     how many people received 1, 2, 3 and 4 or more touches that count for
//     budgets, from every team and from each team;
//   - the collision matrix: per team, its touches held back by a rule that
//     counts other touches, and whose touches filled those windows.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/btree_map.h"
#include "codec/json_writer.h"
#include "report/mirror.h"
#include "report/report_query.h"

namespace tact {

// People by the touches they received: [0] one, [1] two, [2] three, [3]
// four or more.
using PeopleByTouches = std::array<int64_t, kReachCounted>;

struct ReachPeriod {
  Day from = 0, to = 0;      // the whole week or 30 days
  bool in_progress = false;  // it ends after the mirror's last day with counts
  PeopleByTouches all{};     // touches from every team
  std::vector<std::pair<std::string, PeopleByTouches>> teams;  // by team, by name
};

struct Distribution {
  std::vector<ReachPeriod> weeks, days30;  // oldest first
};

// The weeks and 30-day periods that overlap the query's days, at most
// kDistributionWeeks and kDistributionPeriods (the latest), each counted
// whole. Only the team filter applies (to `teams`): a person's touches
// span campaigns, senders, tools and channels.
inline constexpr int kDistributionWeeks = 8, kDistributionPeriods = 4;
Distribution ReadDistribution(const MirrorReader& mirror, const ReportQuery& query);

struct CollisionRow {
  std::string team;
  int64_t asked = 0, held_back = 0;  // asks, and those deferred or suppressed
  int64_t crowded = 0;               // held back by touches of any team (the row's sum, at least)
  NamedCounts by;                    // held back by that team's touches
};

// One row per team with a touch held back by other touches in the query
// (every filter applies to the held touches), most crowded first.
std::vector<CollisionRow> ReadCollisions(const MirrorReader& mirror, const ReportQuery& query);

// {"from", "to", "weeks": [period], "days30": [period]}; a period is
// {"from", "to", "in_progress", "people": {"1", "2", "3", "4+"}, "teams":
// [{"team", "people"}]}.
void WriteDistributionJson(JsonWriter& writer, const Distribution& distribution,
                           const ReportQuery& query);
// {"from", "to", "teams": [column names], "rows": [{"team", "asked",
// "held_back", "by": {team: n}}]}
void WriteCollisionsJson(JsonWriter& writer, const std::vector<CollisionRow>& rows,
                         const ReportQuery& query);

}  // namespace tact
