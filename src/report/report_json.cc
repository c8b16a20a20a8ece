#include "report/report_json.h"

#include <cmath>

#include "absl/time/time.h"
#include "core/minutes.h"
#include "report/days.h"

namespace tact {
namespace {

// {"rule": count, ...}
void WriteRuleCounts(JsonWriter& writer, const NamedCounts& rules) {
  writer.StartObject();
  for (const auto& [rule, count] : rules) {
    WriteString(writer, rule);
    writer.Int64(count);
  }
  writer.EndObject();
}

}  // namespace

void WriteRate(JsonWriter& writer, double rate) {
  // Two decimals are what a reader compares; more is noise.
  writer.Double(std::round(rate * 100) / 100);
}

void WriteRange(JsonWriter& writer, const ReportQuery& query) {
  WriteStringField(writer, "from", FormatDay(query.filter.from));
  WriteStringField(writer, "to", FormatDay(query.filter.to));
}

void WriteCountsFields(JsonWriter& writer, const MirrorCounts& counts) {
  for (int i = 0; i < kMeasureCount; ++i) {
    // The distribution and the control groups have reports of their own.
    if (IsReportedApart(static_cast<Measure>(i))) continue;
    WriteString(writer, MeasureName(static_cast<Measure>(i)));
    writer.Int64(counts.measures[i]);
  }
  writer.Key("value_per_100");
  WriteRate(writer, counts.ValuePer100());
  writer.Key("harm_per_1000");
  WriteRate(writer, counts.HarmPer1000());
  writer.Key("cold_backed_share");
  WriteRate(writer, counts.ColdBackedShare());
  writer.Key("cold_value_per_100_backed");
  WriteRate(writer, counts.ColdValuePer100(true));
  writer.Key("cold_value_per_100_unbacked");
  WriteRate(writer, counts.ColdValuePer100(false));
  writer.Key("suppressed_by_rule");
  WriteRuleCounts(writer, counts.suppressed_by_rule);
  writer.Key("deferred_by_rule");
  WriteRuleCounts(writer, counts.deferred_by_rule);
  writer.Key("crowded_by");
  WriteRuleCounts(writer, counts.crowded_by);
}

void WriteOverviewJson(JsonWriter& writer, const MirrorReader& mirror, const ReportQuery& query) {
  const std::vector<MirrorDay> days = mirror.ByDay(query.filter);
  MirrorCounts total;
  int64_t became_dormant = 0;
  for (const MirrorDay& day : days) {
    total.Add(day.counts);
    became_dormant += day.became_dormant;
  }
  writer.StartObject();
  WriteRange(writer, query);
  writer.Key("totals");
  writer.StartObject();
  WriteCountsFields(writer, total);
  writer.Key("became_dormant");
  writer.Int64(became_dormant);
  writer.EndObject();
  writer.Key("days");
  writer.StartArray();
  auto next = days.begin();
  const MirrorDay empty;
  for (Day day = query.filter.from; day <= query.filter.to; ++day) {
    const bool has = next != days.end() && next->day == day;
    const MirrorDay& row = has ? *next : empty;
    writer.StartObject();
    WriteStringField(writer, "day", FormatDay(day));
    WriteCountsFields(writer, row.counts);
    writer.Key("became_dormant");
    writer.Int64(row.became_dormant);
    writer.EndObject();
    if (has) ++next;
  }
  writer.EndArray();
  writer.EndObject();
}

void WriteLeagueJson(JsonWriter& writer, const MirrorReader& mirror, const ReportQuery& query) {
  const std::vector<LeagueRow> rows = mirror.League(query.by, query.filter);
  writer.StartObject();
  WriteStringField(writer, "by", DimensionName(query.by));
  WriteRange(writer, query);
  writer.Key("rows");
  writer.StartArray();
  for (size_t i = 0; i < rows.size() && i < query.limit; ++i) {
    writer.StartObject();
    WriteStringField(writer, "name", rows[i].name);
    WriteCountsFields(writer, rows[i].counts);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("more");
  writer.Uint64(rows.size() > query.limit ? rows.size() - query.limit : 0);
  writer.EndObject();
}

void WriteNamesJson(JsonWriter& writer, const MirrorReader& mirror, const ReportQuery& query) {
  const auto names = mirror.Names(query.filter);
  writer.StartObject();
  WriteRange(writer, query);
  for (int d = 0; d < kDimensionCount; ++d) {
    WriteStringsField(writer, DimensionName(static_cast<Dimension>(d)), names[d]);
  }
  writer.EndObject();
}

void WriteHeldBackJson(JsonWriter& writer, const std::vector<HeldBack>& rows) {
  writer.StartObject();
  writer.Key("people");
  writer.StartArray();
  for (const HeldBack& row : rows) {
    writer.StartObject();
    WriteStringField(writer, "person_id", row.person_id);
    WriteStringField(writer, "at", FormatUtc(FromMinute(row.minute)));
    WriteStringField(writer, "decision", OutcomeName(row.outcome));
    WriteStringField(writer, "rule", row.rule);
    WriteStringField(writer, "team", row.team);
    WriteStringField(writer, "campaign", row.campaign);
    WriteStringField(writer, "sender", row.sender);
    WriteStringField(writer, "channel", ChannelName(row.channel));
    WriteStringField(writer, "kind", KindName(row.kind));
    if (row.not_before) WriteStringField(writer, "not_before", FormatUtc(*row.not_before));
    if (row.policy_version > 0) {
      writer.Key("policy_version");
      writer.Int64(row.policy_version);
    }
    writer.Key("reasons");
    writer.StartArray();
    for (const HeldBackReason& reason : row.explained) {
      writer.StartObject();
      WriteStringField(writer, "rule", reason.rule);
      if (!reason.sentence.empty()) WriteStringField(writer, "sentence", reason.sentence);
      writer.EndObject();
    }
    writer.EndArray();
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
}

}  // namespace tact
