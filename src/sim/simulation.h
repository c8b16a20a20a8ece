// `tact simulate`: one generated stream of proposed touches (world.h) run
// twice against the same simulated people (model.h): ungoverned, every touch
// sent, and governed, every touch asked of the Governor over state in memory,
// the path `tact serve --store memory` takes, with deferred touches asked
// again at their not_before and outcomes fed back as events, as the service
// takes them (opens as engagement, replies, unsubscribes and complaints as
// opt-outs; events name the person, not the touch). Both runs draw each touch's luck from its
// position in the stream, so a touch sent in both meets the same chances.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
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

  Tally& operator+=(const Tally& other);
};

struct RunResult {
  std::vector<Tally> by_team;  // indexed like SimulationResult::teams
  Tally total;
  std::map<std::string, int64_t> held_back_by_rule;  // governed: rules that deferred or suppressed
  int64_t decisions = 0;                             // governed: asks, re-asks included
};

struct SimulationResult {
  std::vector<std::string> teams;
  RunResult ungoverned;
  RunResult governed;
};

// Called for every governed decision with the touch as asked.
using DecisionObserver = std::function<void(const Touch&, const Decision&)>;

SimulationResult Simulate(const World& world, const Policy& policy, const ModelParams& params,
                          uint64_t seed, const DecisionObserver& observer = nullptr);

// How relevant the touch is to the person in the model (0..1).
double RelevanceOf(const World& world, const ModelParams& params, const SimTouch& touch);

}  // namespace tact::sim
