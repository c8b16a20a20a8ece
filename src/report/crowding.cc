#include "report/crowding.h"

#include <algorithm>

#include "absl/container/btree_set.h"
#include "report/report_json.h"

namespace tact {
namespace {

// People who received exactly 1, 2, 3 and 4+ from the k-th touch counts
// (people who received at least k).
PeopleByTouches People(const MirrorCounts& counts, bool thirty_days, bool all_teams) {
  PeopleByTouches at_least{};
  for (int k = 1; k <= kReachCounted; ++k) {
    at_least[k - 1] = counts[ReachMeasure(thirty_days, all_teams, k)];
  }
  PeopleByTouches exactly = at_least;
  for (int k = 0; k + 1 < kReachCounted; ++k) {
    exactly[k] = std::max<int64_t>(0, at_least[k] - at_least[k + 1]);
  }
  return exactly;
}

ReachPeriod ReadPeriod(const MirrorReader& mirror, const ReportQuery& query, Day from, int days,
                       Day last_counted) {
  const bool thirty_days = days == kPeriodDays;
  ReachPeriod period{from, from + days - 1, from + days - 1 > last_counted, {}, {}};
  MirrorFilter filter;
  filter.from = period.from;
  filter.to = period.to;
  const std::optional<std::string>& team = query.filter.equals[static_cast<int>(Dimension::kTeam)];
  MirrorCounts total;
  for (const LeagueRow& row : mirror.League(Dimension::kTeam, filter)) {
    total.Add(row.counts);
    if (team && row.name != *team) continue;
    const PeopleByTouches people = People(row.counts, thirty_days, false);
    if (std::all_of(people.begin(), people.end(), [](int64_t n) { return n == 0; })) continue;
    period.teams.emplace_back(row.name, people);
  }
  std::sort(period.teams.begin(), period.teams.end());
  period.all = People(total, thirty_days, true);
  return period;
}

void WritePeople(JsonWriter& writer, const PeopleByTouches& people) {
  writer.StartObject();
  for (int k = 0; k < kReachCounted; ++k) {
    WriteString(writer,
                k + 1 < kReachCounted ? std::to_string(k + 1) : std::to_string(k + 1) + "+");
    writer.Int64(people[k]);
  }
  writer.EndObject();
}

void WritePeriods(JsonWriter& writer, const std::vector<ReachPeriod>& periods) {
  writer.StartArray();
  for (const ReachPeriod& period : periods) {
    writer.StartObject();
    WriteStringField(writer, "from", FormatDay(period.from));
    WriteStringField(writer, "to", FormatDay(period.to));
    writer.Key("in_progress");
    writer.Bool(period.in_progress);
    writer.Key("people");
    WritePeople(writer, period.all);
    writer.Key("teams");
    writer.StartArray();
    for (const auto& [team, people] : period.teams) {
      writer.StartObject();
      WriteStringField(writer, "team", team);
      writer.Key("people");
      WritePeople(writer, people);
      writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
}

}  // namespace

Distribution ReadDistribution(const MirrorReader& mirror, const ReportQuery& query) {
  Distribution distribution;
  const auto span = mirror.Span();
  const Day last_counted = span ? span->second : query.filter.to;
  const auto read = [&](Day (*start_of)(Day), int days, int most, std::vector<ReachPeriod>& out) {
    Day first = start_of(query.filter.to) - (most - 1) * days;
    first = std::max(first, start_of(query.filter.from));
    for (Day from = first; from <= query.filter.to; from += days) {
      out.push_back(ReadPeriod(mirror, query, from, days, last_counted));
    }
  };
  read(&WeekOf, kWeekDays, kDistributionWeeks, distribution.weeks);
  read(&ThirtyDaysOf, kPeriodDays, kDistributionPeriods, distribution.days30);
  return distribution;
}

std::vector<CollisionRow> ReadCollisions(const MirrorReader& mirror, const ReportQuery& query) {
  std::vector<CollisionRow> rows;
  for (LeagueRow& row : mirror.League(Dimension::kTeam, query.filter)) {
    if (row.counts.crowded_by.empty()) continue;
    CollisionRow out{row.name, row.counts[Measure::kAsked],
                     row.counts[Measure::kDeferred] + row.counts[Measure::kSuppressed], 0,
                     std::move(row.counts.crowded_by)};
    for (const auto& [team, count] : out.by) out.crowded = std::max(out.crowded, count);
    rows.push_back(std::move(out));
  }
  std::sort(rows.begin(), rows.end(), [](const CollisionRow& a, const CollisionRow& b) {
    if (a.crowded != b.crowded) return a.crowded > b.crowded;
    return a.team < b.team;
  });
  return rows;
}

void WriteDistributionJson(JsonWriter& writer, const Distribution& distribution,
                           const ReportQuery& query) {
  writer.StartObject();
  WriteRange(writer, query);
  writer.Key("weeks");
  WritePeriods(writer, distribution.weeks);
  writer.Key("days30");
  WritePeriods(writer, distribution.days30);
  writer.EndObject();
}

void WriteCollisionsJson(JsonWriter& writer, const std::vector<CollisionRow>& rows,
                         const ReportQuery& query) {
  writer.StartObject();
  WriteRange(writer, query);
  absl::btree_set<std::string> columns;
  for (const CollisionRow& row : rows) {
    for (const auto& [team, count] : row.by) columns.insert(team);
  }
  writer.Key("teams");
  writer.StartArray();
  for (const std::string& team : columns) WriteString(writer, team);
  writer.EndArray();
  writer.Key("rows");
  writer.StartArray();
  for (const CollisionRow& row : rows) {
    writer.StartObject();
    WriteStringField(writer, "team", row.team);
    writer.Key("asked");
    writer.Int64(row.asked);
    writer.Key("held_back");
    writer.Int64(row.held_back);
    writer.Key("by");
    writer.StartObject();
    for (const auto& [team, count] : row.by) {
      WriteString(writer, team);
      writer.Int64(count);
    }
    writer.EndObject();
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
}

}  // namespace tact
