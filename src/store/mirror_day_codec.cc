#include "store/mirror_day_codec.h"

#include <simdjson.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "codec/json_writer.h"
#include "report/days.h"

namespace tact {
namespace {

absl::Status Corrupt(absl::string_view what) {
  return absl::DataLossError(absl::StrCat("stored mirror day: ", what));
}

absl::Status ReadRules(simdjson::dom::element element, NamedCounts* rules) {
  simdjson::dom::object object;
  if (element.get_object().get(object) != simdjson::SUCCESS) return Corrupt("rules: not an object");
  for (auto [rule, count] : object) {
    int64_t value = 0;
    if (count.get_int64().get(value) != simdjson::SUCCESS) return Corrupt("rule count");
    (*rules)[std::string(rule)] = value;
  }
  return absl::OkStatus();
}

// The stored format's own writer, so that a change to the reports' JSON
// cannot change what is stored.
void WriteRules(JsonWriter& writer, const NamedCounts& rules) {
  writer.StartObject();
  for (const auto& [rule, count] : rules) {
    WriteString(writer, rule);
    writer.Int64(count);
  }
  writer.EndObject();
}

// One member of a stored cell: a name (team, campaign, sender, tool,
// channel), a rule table, or a measure's count.
absl::Status ReadCellMember(absl::string_view key, simdjson::dom::element value, MirrorCell& cell) {
  if (key == "suppressed_by_rule" || key == "deferred_by_rule" || key == "crowded_by") {
    auto* rules = key == "suppressed_by_rule" ? &cell.counts.suppressed_by_rule
                  : key == "deferred_by_rule" ? &cell.counts.deferred_by_rule
                                              : &cell.counts.crowded_by;
    return ReadRules(value, rules);
  }
  if (value.is_string()) {
    const std::string_view json_name = value.get_string().value_unsafe();
    const absl::string_view name(json_name.data(), json_name.size());
    if (key == "team") {
      cell.team = json_name;
    } else if (key == "campaign") {
      cell.campaign = json_name;
    } else if (key == "sender") {
      cell.sender = json_name;
    } else if (key == "tool") {
      cell.tool = json_name;
    } else if (key == "channel") {
      auto channel = ParseChannel(name);
      if (!channel) return Corrupt(absl::StrCat("unknown channel '", name, "'"));
      cell.channel = *channel;
    } else if (key == "kind") {
      auto kind = ParseKind(name);
      if (!kind) return Corrupt(absl::StrCat("unknown kind '", name, "'"));
      cell.kind = *kind;
    } else {
      return Corrupt(absl::StrCat("unknown field '", key, "'"));
    }
    return absl::OkStatus();
  }
  int64_t count = 0;
  if (value.get_int64().get(count) != simdjson::SUCCESS)
    return Corrupt(absl::StrCat(key, ": not a count"));
  // A measure from a newer version is skipped, not fatal.
  if (auto measure = ParseMeasure(key)) cell.counts.measures[static_cast<int>(*measure)] = count;
  return absl::OkStatus();
}

}  // namespace

std::string MirrorDayKey(Day day) { return absl::StrCat(kMirrorKeyPrefix, FormatDay(day)); }

std::string EncodeMirrorDay(const StoredMirrorDay& day) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  WriteStringField(writer, "day", FormatDay(day.day));
  writer.Key("became_dormant");
  writer.Int64(day.became_dormant);
  writer.Key("cells");
  writer.StartArray();
  for (const MirrorCell& cell : day.cells) {
    writer.StartObject();
    WriteStringField(writer, "team", cell.team);
    WriteStringField(writer, "campaign", cell.campaign);
    WriteStringField(writer, "sender", cell.sender);
    WriteStringField(writer, "tool", cell.tool);
    WriteStringField(writer, "channel", ChannelName(cell.channel));
    if (cell.kind) WriteStringField(writer, "kind", KindName(*cell.kind));
    for (int i = 0; i < kMeasureCount; ++i) {
      if (cell.counts.measures[i] == 0) continue;
      WriteString(writer, MeasureName(static_cast<Measure>(i)));
      writer.Int64(cell.counts.measures[i]);
    }
    writer.Key("suppressed_by_rule");
    WriteRules(writer, cell.counts.suppressed_by_rule);
    writer.Key("deferred_by_rule");
    WriteRules(writer, cell.counts.deferred_by_rule);
    if (!cell.counts.crowded_by.empty()) {
      writer.Key("crowded_by");
      WriteRules(writer, cell.counts.crowded_by);
    }
    writer.EndObject();
  }
  writer.EndArray();
  writer.EndObject();
  return JsonText(buffer);
}

absl::StatusOr<StoredMirrorDay> DecodeMirrorDay(absl::string_view bytes) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(bytes.data(), bytes.size()).get(root) != simdjson::SUCCESS) {
    return Corrupt("not JSON");
  }
  StoredMirrorDay day;
  std::string_view text;
  if (root["day"].get_string().get(text) != simdjson::SUCCESS) return Corrupt("day missing");
  auto parsed_day = ParseDay(absl::string_view(text.data(), text.size()));
  if (!parsed_day.ok()) return Corrupt(parsed_day.status().message());
  day.day = *parsed_day;
  if (root["became_dormant"].get_int64().get(day.became_dormant) != simdjson::SUCCESS)
    return Corrupt("became_dormant missing");
  simdjson::dom::array cells;
  if (root["cells"].get_array().get(cells) != simdjson::SUCCESS) return Corrupt("cells missing");
  for (simdjson::dom::element element : cells) {
    simdjson::dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) return Corrupt("cell not an object");
    MirrorCell cell;
    cell.day = day.day;
    for (auto [json_key, value] : object) {
      const absl::string_view key(json_key.data(), json_key.size());
      if (absl::Status read = ReadCellMember(key, value, cell); !read.ok()) return read;
    }
    day.cells.push_back(std::move(cell));
  }
  return day;
}

}  // namespace tact
