// `tact simulate`: one generated stream of proposed touches (world.h) run
// twice against the same simulated people (model.h): ungoverned, every touch
// sent, and governed, every touch asked of the Governor over state in memory,
// the path `tact serve --store memory` takes, with deferred touches asked
// again at their not_before and outcomes fed back as events, as the service
// takes them (opens as engagement, replies, unsubscribes and complaints as
// opt-outs; events name the person, not the touch) and sellers'
// hypotheses written as sellers write them. Both runs draw each touch's luck from its
// position in the stream, so a touch sent in both meets the same chances.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/decision.h"
#include "core/touch.h"
#include "policy/policy.h"
#include "sim/model.h"
#include "sim/world.h"

namespace tact::sim {

struct Tally {
  int64_t proposed = 0;
  int64_t sent = 0;
  int64_t suppressed = 0;  // by tact, or (ungoverned) skipped for an opt-out
  int64_t opens = 0;
  int64_t replies = 0;
  int64_t meetings = 0;
  int64_t unsubscribes = 0;
  int64_t complaints = 0;
  int64_t silenced = 0;  // people who stopped paying attention after one of its touches
  // Governed: cold touches sent backed by their sender's current own-words
  // hypothesis for the account, as the mirror counts them.
  int64_t backed = 0;

  Tally& operator+=(const Tally& other);
};

struct RunResult {
  std::vector<Tally> by_team;      // indexed like SimulationResult::teams
  std::vector<Tally> by_campaign;  // indexed like World::campaigns
  Tally total;
  std::map<std::string, int64_t> held_back_by_rule;  // governed: rules that deferred or suppressed
  int64_t decisions = 0;                             // governed: asks, re-asks included
  // Replies and meetings each person gave, indexed like World::people.
  std::vector<uint32_t> value_by_person;
};

struct SimulationResult {
  std::vector<std::string> teams;
  RunResult ungoverned;
  RunResult governed;
  // Under a policy with [send_time]: governed again, every touch asking to
  // go at its best_at (Touch::at_best).
  std::optional<RunResult> at_best;
};

// Called for every governed decision with the touch as asked.
using DecisionObserver = std::function<void(const Touch&, const Decision&)>;

SimulationResult Simulate(const World& world, const Policy& policy, const ModelParams& params,
                          uint64_t seed, const DecisionObserver& observer = nullptr);

// Sellers' cold sequences, researched ([0]) and scripted ([1]), with the
// policy's brief.hypothesis off and on: the governed run is one of the two;
// the other runs the stream again with the rule flipped.
struct SellerComparison {
  using BySellerStyle = std::array<Tally, 2>;
  BySellerStyle ungoverned;
  BySellerStyle rule_off;
  BySellerStyle rule_on;
};
SellerComparison CompareSellers(const World& world, const Policy& policy, const ModelParams& params,
                                uint64_t seed, const SimulationResult& result);

// What a control group ([control]) shows in the governed run: replies and
// meetings per person, among the people the group's touches were proposed
// to, in the treated part against the held-out part, and the difference
// with its 95 % interval (normal approximation of the difference of means).
struct ControlComparison {
  std::string team;  // empty: the company-wide group
  int64_t treated_people = 0, control_people = 0;
  double treated_value = 0, control_value = 0;  // replies + meetings per person
  double lift = 0, low = 0, high = 0;           // treated − control, and its interval
};
// One row for the company-wide group and one per team group; none without
// [control].
std::vector<ControlComparison> CompareControlGroups(const World& world, const Policy& policy,
                                                    const RunResult& governed);

// How relevant the touch is to the person in the model (0..1).
double RelevanceOf(const World& world, const ModelParams& params, const SimTouch& touch);

}  // namespace tact::sim
