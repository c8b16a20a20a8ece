// What `tact simulate` prints and draws: per team and in total, ungoverned
// against governed, with the ratio governed / ungoverned; the sensitivity
// sweep's table; researched against scripted sellers; an HTML page with the charts (inline SVG, no
// scripts, opens offline) and every assumption.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/model.h"
#include "sim/simulation.h"

namespace tact::sim {

struct SweepRow {
  std::string assumption;  // e.g. "fatigue_half_life_days = 14 (default 7)"
  Tally ungoverned;
  Tally governed;
  std::optional<Tally> at_best;  // under [send_time]
};

// How much more often touches are opened per touch sent when every touch
// goes at its best_at than when it goes as asked (0.05: 5 % more).
double OpenLift(const Tally& governed, const Tally& at_best);

// Governed against governed at best_at: sent, opens and replies, and
// both per 100 sent, with the lift; the first row is the header.
std::vector<std::vector<std::string>> SendTimeCells(const Tally& governed, const Tally& at_best);
std::string FormatSendTimeTable(const Tally& governed, const Tally& at_best);
// The control groups: replies and meetings per 100 people, treated against
// held out, and the lift with its 95 % interval.
std::string FormatControlTable(const std::vector<ControlComparison>& rows);

// Each key assumption at a lower and a higher value, the rest at `base`.
std::vector<SweepRow> Sweep(const World& world, const Policy& policy, const ModelParams& base,
                            uint64_t seed);

std::string FormatResultTable(const SimulationResult& result);
std::string FormatSweepTable(const std::vector<SweepRow>& rows);
// Researched against scripted sellers' cold sequences, ungoverned and with
// brief.hypothesis off and on: sent, backed, replies and meetings, and both
// per 100 sent.
std::string FormatSellerTable(const SellerComparison& sellers);

struct HtmlContext {
  std::string policy_source;
  int people = 0;
  int days = 0;
  uint64_t seed = 0;
  ModelParams params;
  std::optional<SellerComparison> sellers;
};
std::string SimulationHtml(const SimulationResult& result, const std::vector<SweepRow>& sweep,
                           const HtmlContext& context);

}  // namespace tact::sim
