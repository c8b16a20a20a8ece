#include "report/mirror.h"

#include <algorithm>

#include "absl/hash/hash.h"

namespace tact {
namespace {

// Each distinct rule of the decision once.
void Increment(NamedCounts& counts, absl::string_view name) {
  const auto found = counts.find(name);
  if (found != counts.end()) {
    ++found->second;
  } else {
    counts.emplace(std::string(name), 1);
  }
}

void CountRules(const Reasons& reasons, NamedCounts& by_rule) {
  for (size_t i = 0; i < reasons.size(); ++i) {
    const absl::string_view rule = reasons[i].rule;
    bool seen = false;
    for (size_t j = 0; j < i && !seen; ++j) seen = reasons[j].rule == rule;
    if (!seen) Increment(by_rule, rule);
  }
}

// The k-th touch of a week or 30 days, for k up to kReachCounted.
void CountReach(const MirrorCrowd& crowd, MirrorCounts& counts) {
  const auto count = [&](uint8_t k, bool thirty_days, bool all_teams) {
    if (k >= 1 && k <= kReachCounted) ++counts[ReachMeasure(thirty_days, all_teams, k)];
  };
  count(crowd.week_team, false, false);
  count(crowd.period_team, true, false);
  count(crowd.week_all, false, true);
  count(crowd.period_all, true, true);
}

}  // namespace

size_t Mirror::CellHash::operator()(const CellKey& key) const {
  return absl::HashOf(key.day, absl::string_view(key.team), absl::string_view(key.campaign),
                      absl::string_view(key.sender), absl::string_view(key.tool), key.channel,
                      key.kind);
}

size_t Mirror::CellHash::operator()(const CellView& view) const {
  return absl::HashOf(view.day, view.team, view.campaign, view.sender, view.tool, view.channel,
                      view.kind);
}

Mirror::Mirror(MirrorLimits limits)
    : limits_(limits), shards_(std::make_unique<std::array<Shard, kShards>>()) {}

bool Mirror::Admit(Day day) {
  std::lock_guard<std::mutex> lock(day_cells_mutex_);
  size_t& on_day = day_cells_[day];
  if (on_day >= limits_.max_cells_per_day ||
      cells_.load(std::memory_order_relaxed) >= limits_.max_cells)
    return false;
  ++on_day;
  return true;
}

void Mirror::Release(Day day, size_t cells) {
  if (cells == 0) return;
  std::lock_guard<std::mutex> lock(day_cells_mutex_);
  auto found = day_cells_.find(day);
  if (found == day_cells_.end()) return;
  found->second = found->second > cells ? found->second - cells : 0;
  if (found->second == 0) day_cells_.erase(found);
}

template <typename Fn>
void Mirror::Update(const MirrorSource& source, Day day, Fn fn) {
  CellView view{day,         source.team,    source.campaign, source.sender,
                source.tool, source.channel, source.kind};
  size_t hash = CellHash{}(view);
  Shard* shard = &(*shards_)[hash % kShards];
  std::unique_lock<std::mutex> lock(shard->mutex);
  // The map is handed the hash already made (CellHash's, as it would make).
  auto found = shard->cells.find(view, hash);
  if (found == shard->cells.end()) {
    if (!Admit(day)) {
      view = CellView{day, kOther, kOther, kOther, kOther, source.channel, std::nullopt};
      hash = CellHash{}(view);
      Shard* other = &(*shards_)[hash % kShards];
      if (other != shard) {
        lock.unlock();
        shard = other;
        lock = std::unique_lock<std::mutex>(shard->mutex);
      }
      found = shard->cells.find(view, hash);
      // The "(other)" cells are few (a day and a channel each) and always admitted.
      if (found == shard->cells.end()) {
        std::lock_guard<std::mutex> day_lock(day_cells_mutex_);
        ++day_cells_[day];
      }
    }
    if (found == shard->cells.end()) {
      found = shard->cells
                  .emplace(CellKey{day, std::string(view.team), std::string(view.campaign),
                                   std::string(view.sender), std::string(view.tool), view.channel,
                                   view.kind},
                           MirrorCounts{})
                  .first;
      cells_.fetch_add(1, std::memory_order_relaxed);
    }
  }
  fn(found->second);
  shard->changed.insert(day);
}

void Mirror::CountDecision(const MirrorSource& source, Day day, const Decision& decision,
                           const MirrorCrowd& crowd) {
  Update(source, day, [&](MirrorCounts& counts) {
    ++counts[Measure::kAsked];
    for (absl::string_view team : crowd.crowded_by) Increment(counts.crowded_by, team);
    switch (decision.outcome) {
      case Outcome::kSend:
        ++counts[Measure::kSent];
        CountReach(crowd, counts);
        break;
      case Outcome::kDefer:
        ++counts[Measure::kDeferred];
        CountRules(decision.reasons, counts.deferred_by_rule);
        break;
      case Outcome::kSuppress:
        ++counts[Measure::kSuppressed];
        CountRules(decision.reasons, counts.suppressed_by_rule);
        break;
    }
  });
}

void Mirror::CountPlannedTouch(const MirrorSource& source, Day day, Outcome outcome,
                               const std::vector<absl::string_view>& deferred_by,
                               const std::vector<absl::string_view>& suppressed_by) {
  Update(source, day, [&](MirrorCounts& counts) {
    ++counts[Measure::kAsked];
    ++counts[outcome == Outcome::kSend    ? Measure::kSent
             : outcome == Outcome::kDefer ? Measure::kDeferred
                                          : Measure::kSuppressed];
    for (absl::string_view rule : deferred_by) Increment(counts.deferred_by_rule, rule);
    for (absl::string_view rule : suppressed_by) Increment(counts.suppressed_by_rule, rule);
  });
}

void Mirror::CountOutcome(const MirrorSource& source, Day day, Measure measure) {
  Update(source, day, [&](MirrorCounts& counts) { ++counts[measure]; });
}

void Mirror::CountBecameDormant(Day day) {
  std::lock_guard<std::mutex> lock(dormant_mutex_);
  ++dormant_[day];
  dormant_changed_.insert(day);
}

template <typename Fn>
void Mirror::ForEachCell(const MirrorFilter& filter, Fn fn) const {
  for (const Shard& shard : *shards_) {
    std::lock_guard<std::mutex> lock(shard.mutex);
    for (const auto& [key, counts] : shard.cells) {
      const MirrorSource source{key.team, key.campaign, key.sender,
                                key.tool, key.channel,  key.kind};
      if (filter.Matches(key.day, source)) fn(key.day, source, counts);
    }
  }
}

std::vector<MirrorDay> Mirror::ByDay(const MirrorFilter& filter) const {
  absl::btree_map<Day, MirrorDay> days;
  ForEachCell(filter, [&](Day day, const MirrorSource&, const MirrorCounts& counts) {
    MirrorDay& row = days[day];
    row.day = day;
    row.counts.Add(counts);
  });
  // Dormancy belongs to no source: it shows on unfiltered reports only.
  const bool by_source =
      std::any_of(filter.equals.begin(), filter.equals.end(), [](const auto& e) { return e; });
  if (!by_source) {
    std::lock_guard<std::mutex> lock(dormant_mutex_);
    for (const auto& [day, count] : dormant_) {
      if (day < filter.from || day > filter.to) continue;
      MirrorDay& row = days[day];
      row.day = day;
      row.became_dormant = count;
    }
  }
  std::vector<MirrorDay> rows;
  rows.reserve(days.size());
  for (auto& [day, row] : days) rows.push_back(std::move(row));
  return rows;
}

std::vector<LeagueRow> Mirror::League(Dimension dimension, const MirrorFilter& filter) const {
  absl::flat_hash_map<std::string, MirrorCounts> by_name;
  ForEachCell(filter, [&](Day, const MirrorSource& source, const MirrorCounts& counts) {
    by_name[source.Name(dimension)].Add(counts);
  });
  std::vector<LeagueRow> rows;
  rows.reserve(by_name.size());
  for (auto& [name, counts] : by_name) rows.push_back(LeagueRow{name, std::move(counts)});
  std::sort(rows.begin(), rows.end(), [](const LeagueRow& a, const LeagueRow& b) {
    const double va = a.counts.ValuePer100(), vb = b.counts.ValuePer100();
    if (va != vb) return va > vb;
    const int64_t sa = a.counts[Measure::kSent], sb = b.counts[Measure::kSent];
    if (sa != sb) return sa > sb;
    return a.name < b.name;
  });
  return rows;
}

std::array<std::vector<std::string>, kDimensionCount> Mirror::Names(
    const MirrorFilter& filter) const {
  std::array<absl::flat_hash_set<std::string>, kDimensionCount> seen;
  ForEachCell(filter, [&](Day, const MirrorSource& source, const MirrorCounts&) {
    for (int d = 0; d < kDimensionCount; ++d) {
      const absl::string_view name = source.Name(static_cast<Dimension>(d));
      if (!seen[d].contains(name)) seen[d].emplace(name);
    }
  });
  std::array<std::vector<std::string>, kDimensionCount> names;
  for (int d = 0; d < kDimensionCount; ++d) {
    names[d].assign(seen[d].begin(), seen[d].end());
    std::sort(names[d].begin(), names[d].end());
  }
  return names;
}

MirrorCounts Mirror::Total(const MirrorFilter& filter) const {
  MirrorCounts total;
  ForEachCell(filter,
              [&](Day, const MirrorSource&, const MirrorCounts& counts) { total.Add(counts); });
  return total;
}

std::optional<std::pair<Day, Day>> Mirror::Span() const {
  // The days with cells and with dormancy counts are both kept in order.
  std::optional<std::pair<Day, Day>> span;
  const auto widen = [&](Day first, Day last) {
    span = span ? std::make_pair(std::min(span->first, first), std::max(span->second, last))
                : std::make_pair(first, last);
  };
  {
    std::lock_guard<std::mutex> lock(day_cells_mutex_);
    if (!day_cells_.empty()) widen(day_cells_.begin()->first, day_cells_.rbegin()->first);
  }
  std::lock_guard<std::mutex> lock(dormant_mutex_);
  if (!dormant_.empty()) widen(dormant_.begin()->first, dormant_.rbegin()->first);
  return span;
}

std::vector<Day> Mirror::TakeChangedDays() {
  absl::flat_hash_set<Day> changed;
  for (Shard& shard : *shards_) {
    std::lock_guard<std::mutex> lock(shard.mutex);
    changed.insert(shard.changed.begin(), shard.changed.end());
    shard.changed.clear();
  }
  {
    std::lock_guard<std::mutex> lock(dormant_mutex_);
    changed.insert(dormant_changed_.begin(), dormant_changed_.end());
    dormant_changed_.clear();
  }
  std::vector<Day> days(changed.begin(), changed.end());
  std::sort(days.begin(), days.end());
  return days;
}

absl::btree_map<Day, std::vector<MirrorCell>> Mirror::CellsOf(const std::vector<Day>& days) const {
  absl::btree_map<Day, std::vector<MirrorCell>> by_day;
  for (Day day : days) by_day[day];
  for (const Shard& shard : *shards_) {
    std::lock_guard<std::mutex> lock(shard.mutex);
    for (const auto& [key, counts] : shard.cells) {
      const auto found = by_day.find(key.day);
      if (found == by_day.end()) continue;
      found->second.push_back(MirrorCell{key.day, key.team, key.campaign, key.sender, key.tool,
                                         key.channel, key.kind, counts});
    }
  }
  // A stable order, so a stored day reads back the same.
  for (auto& [day, cells] : by_day) {
    std::sort(cells.begin(), cells.end(), [](const MirrorCell& a, const MirrorCell& b) {
      return std::tie(a.team, a.campaign, a.sender, a.tool, a.channel, a.kind) <
             std::tie(b.team, b.campaign, b.sender, b.tool, b.channel, b.kind);
    });
  }
  return by_day;
}

int64_t Mirror::BecameDormantOn(Day day) const {
  std::lock_guard<std::mutex> lock(dormant_mutex_);
  const auto found = dormant_.find(day);
  return found == dormant_.end() ? 0 : found->second;
}

void Mirror::Add(const MirrorCell& cell) {
  Update(cell.source(), cell.day, [&](MirrorCounts& counts) { counts.Add(cell.counts); });
}

void Mirror::AddBecameDormant(Day day, int64_t people) {
  std::lock_guard<std::mutex> lock(dormant_mutex_);
  dormant_[day] += people;
  dormant_changed_.insert(day);
}

void Mirror::RestoreDay(Day day, std::vector<MirrorCell> cells, int64_t became_dormant) {
  bool has_day;
  {
    std::lock_guard<std::mutex> lock(day_cells_mutex_);
    has_day = day_cells_.contains(day);
  }
  // Loading into an empty mirror (every start) has nothing to replace, and
  // need not look at every cell once per stored day.
  if (has_day) {
    for (Shard& shard : *shards_) {
      std::lock_guard<std::mutex> lock(shard.mutex);
      const size_t erased =
          absl::erase_if(shard.cells, [&](const auto& entry) { return entry.first.day == day; });
      cells_.fetch_sub(erased, std::memory_order_relaxed);
      Release(day, erased);
    }
  }
  for (MirrorCell& cell : cells) {
    Update(cell.source(), day, [&](MirrorCounts& counts) { counts.Add(cell.counts); });
  }
  std::lock_guard<std::mutex> lock(dormant_mutex_);
  if (became_dormant > 0) {
    dormant_[day] = became_dormant;
  } else {
    dormant_.erase(day);
  }
}

void Mirror::ForgetBefore(Day day) {
  for (Shard& shard : *shards_) {
    std::lock_guard<std::mutex> lock(shard.mutex);
    cells_.fetch_sub(
        absl::erase_if(shard.cells, [&](const auto& entry) { return entry.first.day < day; }),
        std::memory_order_relaxed);
  }
  {
    std::lock_guard<std::mutex> lock(day_cells_mutex_);
    day_cells_.erase(day_cells_.begin(), day_cells_.lower_bound(day));
  }
  std::lock_guard<std::mutex> lock(dormant_mutex_);
  dormant_.erase(dormant_.begin(), dormant_.lower_bound(day));
}

std::optional<Day> Mirror::Trim() {
  const size_t target = limits_.max_cells / 10 * 9;
  std::optional<Day> keep_from;
  {
    std::lock_guard<std::mutex> lock(day_cells_mutex_);
    size_t cells = cells_.load(std::memory_order_relaxed);
    for (auto it = day_cells_.begin(); it != day_cells_.end() && cells > target; ++it) {
      cells -= std::min(cells, it->second);
      keep_from = it->first + 1;
    }
  }
  if (keep_from) ForgetBefore(*keep_from);
  return keep_from;
}

size_t Mirror::cells() const { return cells_.load(std::memory_order_relaxed); }

}  // namespace tact
