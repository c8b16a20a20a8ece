#include "encode/hypothesis_json.h"

#include "codec/json_writer.h"
#include "core/minutes.h"
#include "rules/explain.h"
#include "rules/hypothesis_rule.h"

namespace tact {
namespace {

// The rule's objection to the hypothesis at `now`, as the sentence a decide
// would answer; empty when it backs the seller's touches (or the rule
// applies to no kind).
std::string Problem(const Hypothesis& hypothesis, const Policy& policy, absl::Time now) {
  for (Kind kind : kAllKinds) {
    if (!policy.hypothesis.applies_to.Contains(kind)) continue;
    const std::optional<Reason> shortfall =
        HypothesisShortfall(policy.hypothesis, hypothesis.standing(), ToMinute(now));
    if (!shortfall) return "";
    Person person;
    person.account_id = hypothesis.account_id;
    Touch touch;
    touch.kind = kind;
    touch.sender = hypothesis.seller;
    return Explain(*shortfall, ExplainContext{policy, person, nullptr, touch});
  }
  return "";
}

void WriteHypothesis(JsonWriter& json, const Hypothesis& hypothesis, const Policy& policy,
                     absl::Time now) {
  json.StartObject();
  WriteStringField(json, "id", HypothesisIdText(hypothesis.id));
  WriteStringField(json, "account_id", hypothesis.account_id);
  WriteStringField(json, "seller", hypothesis.seller);
  WriteTextOrNull(json, "team", hypothesis.team);
  WriteStringField(json, "text", hypothesis.text);
  WriteStringsField(json, "signals", hypothesis.signals);
  WriteTextOrNull(json, "evidence", hypothesis.evidence);
  WriteStringField(json, "written", FormatUtc(hypothesis.written));
  json.Key("words");
  json.Int(hypothesis.words);
  WriteStringField(json, "originality", kOriginalityNames.Name(hypothesis.originality));
  json.Key("copied_share");
  json.Double(hypothesis.copied_share);
  WriteTextOrNull(json, "copy_of",
                  hypothesis.copy_of == 0 ? "" : HypothesisIdText(hypothesis.copy_of));
  const std::string problem = Problem(hypothesis, policy, now);
  json.Key("meets_policy");
  json.Bool(problem.empty());
  WriteTextOrNull(json, "problem", problem);
  json.EndObject();
}

}  // namespace

std::string HypothesisJson(const Hypothesis& hypothesis, const Policy& policy, absl::Time now) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  WriteHypothesis(json, hypothesis, policy, now);
  return JsonText(buffer);
}

std::string HypothesesJson(absl::string_view account_id, const std::vector<Hypothesis>& list,
                           const Policy& policy, absl::Time now) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartObject();
  WriteStringField(json, "account_id", account_id);
  json.Key("hypotheses");
  json.StartArray();
  for (const Hypothesis& hypothesis : list) WriteHypothesis(json, hypothesis, policy, now);
  json.EndArray();
  json.EndObject();
  return JsonText(buffer);
}

}  // namespace tact
