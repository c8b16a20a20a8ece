// CompareControlGroups (simulation.h): what the policy's control groups
// show at the end of a governed run.
#include <cmath>

#include "core/holdout.h"
#include "sim/simulation.h"

namespace tact::sim {
namespace {

// Running sums of one group's per-person values.
struct Sums {
  int64_t people = 0;
  double sum = 0, squares = 0;
  void Add(double value) {
    ++people;
    sum += value;
    squares += value * value;
  }
  double Mean() const { return people == 0 ? 0 : sum / people; }
  // The variance of the mean (the sample variance over n).
  double MeanVariance() const {
    if (people < 2) return 0;
    const double mean = Mean();
    return (squares - people * mean * mean) / (people - 1) / people;
  }
};

// Who was proposed a touch of the held-out kinds: by any team (index 0),
// and by each team group's team (index 1 + its position in `teams`).
std::vector<std::vector<bool>> Targeted(const World& world, const ControlGroup& control,
                                        const std::vector<std::string>& teams) {
  std::vector<std::vector<bool>> targeted(1 + teams.size(),
                                          std::vector<bool>(world.people.size(), false));
  for (const SimTouch& touch : world.touches) {
    const Campaign& campaign = world.campaigns[touch.campaign];
    if (!control.kinds.Contains(campaign.kind)) continue;
    targeted[0][touch.person] = true;
    for (size_t team = 0; team < teams.size(); ++team) {
      if (campaign.team == teams[team]) targeted[1 + team][touch.person] = true;
    }
  }
  return targeted;
}

ControlComparison Compare(const std::string& team, const Sums& treated, const Sums& control) {
  ControlComparison row;
  row.team = team;
  row.treated_people = treated.people;
  row.control_people = control.people;
  row.treated_value = treated.Mean();
  row.control_value = control.Mean();
  row.lift = row.treated_value - row.control_value;
  const double spread = 1.96 * std::sqrt(treated.MeanVariance() + control.MeanVariance());
  row.low = row.lift - spread;
  row.high = row.lift + spread;
  return row;
}

}  // namespace

std::vector<ControlComparison> CompareControlGroups(const World& world, const Policy& policy,
                                                    const RunResult& governed) {
  const ControlGroup& control = policy.control;
  std::vector<ControlComparison> rows;
  if (!control.enabled) return rows;
  std::vector<std::string> teams;
  for (const auto& [team, share] : control.teams) teams.push_back(team);
  const std::vector<std::vector<bool>> targeted = Targeted(world, control, teams);
  std::vector<Sums> treated(1 + teams.size()), held(1 + teams.size());
  for (size_t person = 0; person < world.people.size(); ++person) {
    const std::string& id = world.people[person].profile.id;
    const double value = governed.value_by_person[person];
    const bool company_held = InHoldout(control.salt, "", id, control.holdout);
    if (control.holdout > 0 && targeted[0][person]) {
      (company_held ? held[0] : treated[0]).Add(value);
    }
    // A team's comparison leaves out people no team reaches.
    if (company_held) continue;
    for (size_t team = 0; team < teams.size(); ++team) {
      if (!targeted[1 + team][person]) continue;
      const bool team_held =
          InHoldout(control.salt, teams[team], id, control.teams.at(teams[team]));
      (team_held ? held[1 + team] : treated[1 + team]).Add(value);
    }
  }
  if (control.holdout > 0) rows.push_back(Compare("", treated[0], held[0]));
  for (size_t team = 0; team < teams.size(); ++team) {
    rows.push_back(Compare(teams[team], treated[1 + team], held[1 + team]));
  }
  return rows;
}

}  // namespace tact::sim
