#include "encode/brief_json.h"

#include "absl/strings/str_cat.h"
#include "codec/json_writer.h"

namespace tact {

namespace {

void Key(JsonWriter& json, absl::string_view key) {
  json.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

void DayOrNull(JsonWriter& json, absl::string_view key, Day day) {
  Key(json, key);
  if (day == kNoDay) {
    json.Null();
  } else {
    WriteString(json, FormatDay(day));
  }
}

void NumberOrNull(JsonWriter& json, absl::string_view key, const std::optional<double>& value) {
  Key(json, key);
  if (value) {
    json.Double(*value);
  } else {
    json.Null();
  }
}

void WriteFact(JsonWriter& json, const Brief& brief, const Fact& fact) {
  const ConceptInfo& info = Concepts()[fact.concept_index];
  const FactSource& source = brief.sources[fact.source];
  json.StartObject();
  WriteStringField(json, "concept", absl::StrCat(info.taxonomy, ":", info.name));
  DayOrNull(json, "start", fact.start);
  DayOrNull(json, "end", fact.end);
  Key(json, "value");
  json.Double(fact.value);
  WriteStringField(json, "accession", source.accession);
  WriteTextOrNull(json, "form", source.form);
  DayOrNull(json, "filed", fact.filed);
  json.EndObject();
}

void WriteEvidence(JsonWriter& json, const Brief& brief, const std::vector<Evidence>& evidence) {
  json.StartArray();
  for (const Evidence& item : evidence) {
    json.StartObject();
    WriteStringField(json, "metric", InfoOf(item.metric).name);
    DayOrNull(json, "start", item.figure.start);
    DayOrNull(json, "end", item.figure.end);
    Key(json, "value");
    json.Double(item.figure.value);
    Key(json, "derived");
    json.Bool(item.figure.derived);
    Key(json, "facts");
    json.StartArray();
    for (const Fact& fact : item.figure.facts) WriteFact(json, brief, fact);
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
}

void WriteSignals(JsonWriter& json, const Brief& brief) {
  Key(json, "signals");
  json.StartArray();
  for (const BriefSignal& item : brief.signals) {
    json.StartObject();
    WriteStringField(json, "id", SignalName(item.signal.id));
    WriteStringField(json, "sentence", item.signal.sentence);
    Key(json, "measure");
    json.Double(item.signal.measure);
    WriteTextOrNull(json, "means", item.means);
    WriteTextOrNull(json, "means_to_you", item.role_means);
    WriteStringsField(json, "questions", item.questions);
    Key(json, "evidence");
    WriteEvidence(json, brief, item.signal.evidence);
    json.EndObject();
  }
  json.EndArray();
}

void WriteYears(JsonWriter& json, const Brief& brief) {
  Key(json, "years");
  json.StartArray();
  for (const BriefYear& year : brief.years) {
    json.StartObject();
    Key(json, "fiscal_year");
    json.Int(year.fiscal_year);
    DayOrNull(json, "end", year.end);
    NumberOrNull(json, "revenue", year.revenue);
    NumberOrNull(json, "gross_margin", year.gross_margin);
    NumberOrNull(json, "operating_margin", year.operating_margin);
    NumberOrNull(json, "net_income", year.net_income);
    NumberOrNull(json, "debt", year.debt);
    NumberOrNull(json, "cash", year.cash);
    json.EndObject();
  }
  json.EndArray();
}

}  // namespace

std::string BriefJson(const Brief& brief) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  WriteTextOrNull(json, "account_id", brief.account_id);
  WriteTextOrNull(json, "company", brief.company);
  WriteTextOrNull(json, "cik", brief.cik);
  WriteStringField(json, "currency", brief.currency);
  DayOrNull(json, "as_of", brief.as_of);
  Key(json, "role");
  if (brief.role == nullptr) {
    json.Null();
  } else {
    json.StartObject();
    WriteStringField(json, "id", brief.role->id);
    WriteStringField(json, "title", brief.role->title);
    json.EndObject();
  }
  WriteTextOrNull(json, "person_role", brief.person_role);
  WriteSignals(json, brief);
  WriteStringsField(json, "questions", brief.questions);
  Key(json, "distress");
  if (!brief.distress) {
    json.Null();
  } else {
    json.StartObject();
    WriteStringField(json, "score", "altman_z2");
    Key(json, "z");
    json.Double(brief.distress->z);
    DayOrNull(json, "at", brief.distress->at);
    Key(json, "inputs");
    WriteEvidence(json, brief, brief.distress->inputs);
    json.EndObject();
  }
  WriteYears(json, brief);
  WriteStringsField(json, "missing", brief.missing);
  WriteStringsField(json, "problems", brief.problems);
  Key(json, "facts_read");
  json.Int(brief.facts_read);
  Key(json, "restated_duplicates");
  json.Int(brief.duplicates_removed);
  json.EndObject();
  return JsonText(buffer);
}

}  // namespace tact
