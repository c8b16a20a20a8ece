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
  // Each cell's sender and team as a history keeps them, hashed once a day.
  absl::btree_map<Day, std::vector<std::pair<StableKey, TeamKey>>> keys;
  for (const auto& [day, day_cells] : cells) {
    auto& day_keys = keys[day];
    for (const MirrorCell& cell : day_cells) {
      day_keys.emplace_back(StableKeyOf(cell.sender), TeamKeyOf(cell.team));
    }
  }
  for (const TouchRecord& record : history.touches()) {
    WhyView::TouchSource& source = sources.emplace_back();
    source.team = team_names_.NameOf(record.team);
    const auto day = cells.find(DayOfMinute(record.minute));
    if (day == cells.end() || record.sender == 0) continue;
    const auto& day_keys = keys.at(day->first);
    absl::btree_set<std::string> campaigns;
    for (size_t i = 0; i < day->second.size(); ++i) {
      const MirrorCell& cell = day->second[i];
      if (cell.channel != record.channel || day_keys[i].first != record.sender ||
          day_keys[i].second != record.team || cell.counts[Measure::kSent] == 0) {
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
