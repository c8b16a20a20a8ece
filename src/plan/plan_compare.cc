#include "plan/plan_compare.h"

namespace tact {
namespace {

void Shift(OutcomeShift& shift, Outcome before, Outcome after) {
  shift.before.Count(before);
  shift.after.Count(after);
  if (before != after) ++shift.changed;
}

}  // namespace

PlanComparison ComparePlans(const std::vector<PlannedTouch>& before,
                            const std::vector<PlannedTouch>& after) {
  absl::flat_hash_map<int, const PlannedTouch*> by_line;
  by_line.reserve(after.size());
  for (const PlannedTouch& planned : after) by_line.emplace(planned.line, &planned);
  PlanComparison comparison;
  size_t matched = 0;
  for (const PlannedTouch& old_touch : before) {
    const auto found = by_line.find(old_touch.line);
    if (found == by_line.end()) {
      ++comparison.unmatched;
      continue;
    }
    ++matched;
    const Outcome from = old_touch.outcome;
    const Outcome to = found->second->outcome;
    Shift(comparison.total, from, to);
    Shift(comparison.by_team[old_touch.touch.team], from, to);
    Shift(comparison.by_campaign[old_touch.touch.campaign], from, to);
    ++comparison.moves[static_cast<int>(from)][static_cast<int>(to)];
  }
  comparison.unmatched += static_cast<int>(after.size() - matched);
  return comparison;
}

}  // namespace tact
