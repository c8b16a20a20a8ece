// Governor::SourcesOf: where a person's recorded touches came from, named
// from the keys their history kept and the mirror's cells of their days.
#include <algorithm>

#include "absl/container/btree_set.h"
#include "core/day.h"
#include "governor/governor.h"

namespace tact {

std::vector<WhyView::TouchSource> Governor::SourcesOf(const History& history) const {
  std::vector<WhyView::TouchSource> sources;
  std::vector<Day> days;
  for (const TouchRecord& record : history.touches()) days.push_back(DayOfMinute(record.minute));
  days.erase(std::unique(days.begin(), days.end()), days.end());  // oldest first already
  const absl::btree_map<Day, std::vector<MirrorCell>> cells = state_.mirror.CellsOf(days);
  for (const TouchRecord& record : history.touches()) {
    WhyView::TouchSource& source = sources.emplace_back();
    source.team = team_names_.NameOf(record.team);
    const auto day = cells.find(DayOfMinute(record.minute));
    if (day == cells.end() || record.sender == 0) continue;
    absl::btree_set<std::string> campaigns;
    for (const MirrorCell& cell : day->second) {
      if (cell.channel != record.channel || StableKeyOf(cell.sender) != record.sender ||
          TeamKeyOf(cell.team) != record.team || cell.counts[Measure::kSent] == 0) {
        continue;
      }
      source.sender = cell.sender;
      campaigns.insert(cell.campaign);
    }
    source.campaigns.assign(campaigns.begin(), campaigns.end());
  }
  return sources;
}

}  // namespace tact
