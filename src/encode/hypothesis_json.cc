#include "encode/hypothesis_json.h"

#include "codec/json_writer.h"
#include "core/minutes.h"
#include "rules/explain.h"
#include "rules/hypothesis_rule.h"

namespace tact {
namespace {

// The rule's objection to a touch of its first kind from the seller at
// `now`, as a sentence; empty when it has none (or applies to no kind).
std::string Problem(const Hypothesis& hypothesis, const Policy& policy, absl::Time now) {
  const HypothesisRule& rule = policy.hypothesis;
  for (Kind kind : kAllKinds) {
    if (!rule.applies_to.Contains(kind)) continue;
    Person person;
    person.account_id = hypothesis.account_id;
    Touch touch;
    touch.kind = kind;
    touch.sender = hypothesis.seller;
    const History history;
    Signals signals;
    signals.hypothesis = hypothesis.standing();
    const RuleInput input{.policy = policy,
                          .person = person,
                          .account = nullptr,
                          .history = history,
                          .touch = touch,
                          .kind_rules = policy.RulesFor(kind),
                          .at = ToMinute(now),
                          .signals = &signals};
    Reasons reasons;
    CheckHypothesis(input, &reasons);
    if (reasons.empty()) return "";
    return Explain(reasons[0], ExplainContext{policy, person, nullptr, touch});
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
  json.Key("signals");
  json.StartArray();
  for (const std::string& signal : hypothesis.signals) WriteString(json, signal);
  json.EndArray();
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
