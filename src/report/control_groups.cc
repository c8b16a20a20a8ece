#include "report/control_groups.h"

#include <cmath>

#include "report/report_json.h"

namespace tact {
namespace {

constexpr std::array<Measure, 3> kTreated = {Measure::kTreatedReplied, Measure::kTreatedMeetings,
                                             Measure::kTreatedConverted};
constexpr std::array<Measure, 3> kControl = {Measure::kControlReplied, Measure::kControlMeetings,
                                             Measure::kControlConverted};
constexpr std::array<const char*, 4> kOutcomeNames = {"replied", "meetings", "converted", "value"};

ControlOutcome Compare(int64_t treated, int64_t control, double treated_people,
                       double control_people) {
  ControlOutcome outcome{treated, control};
  if (treated_people <= 0 || control_people <= 0) return outcome;
  outcome.treated_per_100 = 100.0 * treated / treated_people;
  outcome.control_per_100 = 100.0 * control / control_people;
  outcome.lift = outcome.treated_per_100 - outcome.control_per_100;
  const double spread = 1.96 * 100.0 *
                        std::sqrt(treated / (treated_people * treated_people) +
                                  control / (control_people * control_people));
  outcome.low = outcome.lift - spread;
  outcome.high = outcome.lift + spread;
  return outcome;
}

ControlGroupRow RowOf(const std::string& team, double share, double base,
                      const MirrorCounts& counts) {
  ControlGroupRow row{team, share, base * (1 - share), base * share, {}};
  int64_t treated_value = 0, control_value = 0;
  for (size_t i = 0; i < kTreated.size(); ++i) {
    row.outcomes[i] =
        Compare(counts[kTreated[i]], counts[kControl[i]], row.treated_people, row.control_people);
    if (i < 2) {
      treated_value += counts[kTreated[i]];
      control_value += counts[kControl[i]];
    }
  }
  row.outcomes[3] = Compare(treated_value, control_value, row.treated_people, row.control_people);
  return row;
}

void WriteRateField(JsonWriter& writer, const char* key, double value) {
  writer.Key(key);
  WriteRate(writer, value);
}

}  // namespace

std::vector<ControlGroupRow> ReadControlGroups(const MirrorReader& mirror, const ReportQuery& query,
                                               const ControlGroup& control, int64_t people) {
  std::vector<ControlGroupRow> rows;
  if (!control.enabled) return rows;
  MirrorFilter filter;
  filter.from = query.filter.from;
  filter.to = query.filter.to;
  absl::flat_hash_map<std::string, MirrorCounts> by_team;
  for (LeagueRow& row : mirror.League(Dimension::kTeam, filter)) by_team[row.name] = row.counts;
  const auto counts_of = [&](const std::string& team) {
    const auto found = by_team.find(team);
    return found == by_team.end() ? MirrorCounts{} : found->second;
  };
  if (control.holdout > 0) rows.push_back(RowOf("", control.holdout, people, counts_of("")));
  const double left_in = people * (1 - control.holdout);
  for (const auto& [team, share] : control.teams) {
    rows.push_back(RowOf(team, share, left_in, counts_of(team)));
  }
  return rows;
}

void WriteControlGroupsJson(JsonWriter& writer, const std::vector<ControlGroupRow>& rows,
                            const ReportQuery& query, int64_t people) {
  writer.StartObject();
  WriteRange(writer, query);
  writer.Key("people");
  writer.Int64(people);
  writer.Key("groups");
  writer.StartArray();
  for (const ControlGroupRow& row : rows) {
    writer.StartObject();
    WriteStringField(writer, "team", row.team);
    writer.Key("share");
    writer.Double(row.share);
    writer.Key("treated_people");
    writer.Int64(std::llround(row.treated_people));
    writer.Key("control_people");
    writer.Int64(std::llround(row.control_people));
    for (size_t i = 0; i < row.outcomes.size(); ++i) {
      const ControlOutcome& outcome = row.outcomes[i];
      writer.Key(kOutcomeNames[i]);
      writer.StartObject();
      writer.Key("treated");
      writer.Int64(outcome.treated);
      writer.Key("control");
      writer.Int64(outcome.control);
      WriteRateField(writer, "treated_per_100", outcome.treated_per_100);
      WriteRateField(writer, "control_per_100", outcome.control_per_100);
      WriteRateField(writer, "lift", outcome.lift);
      WriteRateField(writer, "low", outcome.low);
      WriteRateField(writer, "high", outcome.high);
      writer.EndObject();
    }
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
}

}  // namespace tact
