#include "cli/policy_cases.h"

#include <algorithm>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/minutes.h"
#include "policy/toml_validator.h"

namespace tact {
namespace {

// A time written as a TOML offset date-time or as an RFC 3339 string.
std::optional<absl::Time> TimeOf(Validator& validator, const toml::table& table,
                                 absl::string_view key, absl::string_view path) {
  const toml::node* node = table.get(std::string_view(key.data(), key.size()));
  if (node == nullptr) return std::nullopt;
  std::string text;
  if (const auto* date_time = node->as_date_time()) {
    std::ostringstream written;
    written << *date_time;
    text = written.str();
  } else if (const auto* string = node->as_string()) {
    text = string->get();
  } else {
    validator.Error(*node, Validator::Join(path, key), "must be a time, e.g. 2027-03-02T09:00:00Z");
    return std::nullopt;
  }
  auto time = ParseUtc(text);
  if (!time.ok()) {
    validator.Error(*node, Validator::Join(path, key), time.status().message());
    return std::nullopt;
  }
  return *time;
}

void ReadExpectation(Validator& validator, const toml::table& expect, absl::string_view path,
                     CaseExpectation& into) {
  validator.CheckKeys(expect, path, {"decision", "rules", "not_before", "best_at"});
  validator.Require(expect, "decision", path);
  if (auto decision = validator.Choice(expect, "decision", path, {"send", "defer", "suppress"})) {
    into.outcome = *ParseOutcome(*decision);
  }
  if (auto rules = validator.Strings(expect, "rules", path)) {
    std::sort(rules->begin(), rules->end());
    rules->erase(std::unique(rules->begin(), rules->end()), rules->end());
    into.rules = *std::move(rules);
  }
  into.not_before = TimeOf(validator, expect, "not_before", path);
  into.best_at = TimeOf(validator, expect, "best_at", path);
}

// The envelope of one case as JSON: its person (with an id), account,
// history, last_reply and touch (with the person's id).
std::string EnvelopeJson(Validator& validator, const toml::table& table, absl::string_view path) {
  toml::table envelope;
  toml::table person;
  if (const toml::table* given = validator.Table(table, "person", path)) person = *given;
  if (!person.contains("id")) person.insert("id", "person");
  toml::table touch;
  if (const toml::table* given = validator.Table(table, "touch", path)) touch = *given;
  if (!touch.contains("person_id") && person["id"].is_string()) {
    touch.insert("person_id", *person["id"].value<std::string>());
  }
  envelope.insert("person", std::move(person));
  envelope.insert("touch", std::move(touch));
  for (const char* key : {"account", "history", "last_reply"}) {
    if (const toml::node* node = table.get(key)) {
      envelope.insert(key, *node);
    }
  }
  std::ostringstream json;
  json << toml::json_formatter{envelope};
  return json.str();
}

}  // namespace

absl::StatusOr<std::vector<PolicyCase>> LoadPolicyCases(absl::string_view text,
                                                        absl::string_view source) {
  auto parsed = ParseToml(text, source);
  if (!parsed.ok()) return parsed.status();
  Validator validator(source);
  validator.CheckKeys(*parsed, "", {"case"});
  const toml::array* cases = (*parsed)["case"].as_array();
  if (cases == nullptr || cases->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": no [[case]] tables; see docs/policy.md#testing-a-policy"));
  }
  std::vector<PolicyCase> loaded;
  for (size_t index = 0; index < cases->size(); ++index) {
    const std::string path = absl::StrCat("case[", index, "]");
    const toml::table* table = (*cases)[index].as_table();
    if (table == nullptr) {
      validator.Error((*cases)[index], path, "must be a table");
      continue;
    }
    validator.CheckKeys(
        *table, path,
        {"name", "now", "person", "account", "history", "last_reply", "touch", "expect"});
    PolicyCase policy_case;
    policy_case.line = static_cast<int>(table->source().begin.line);
    validator.Require(*table, "name", path);
    policy_case.name = validator.String(*table, "name", path).value_or("");
    validator.Require(*table, "touch", path);
    validator.Require(*table, "expect", path);
    policy_case.now = TimeOf(validator, *table, "now", path);
    if (const toml::table* expect = validator.Table(*table, "expect", path)) {
      ReadExpectation(validator, *expect, Validator::Join(path, "expect"), policy_case.expect);
    }
    policy_case.envelope_json = EnvelopeJson(validator, *table, path);
    loaded.push_back(std::move(policy_case));
  }
  if (!validator.ok()) return absl::InvalidArgumentError(validator.Joined());
  return loaded;
}

std::vector<std::string> CaseDifferences(const CaseExpectation& expect, const Decision& decision) {
  std::vector<std::string> differences;
  if (decision.outcome != expect.outcome) {
    differences.push_back(absl::StrCat("decision: expected ", OutcomeName(expect.outcome), ", got ",
                                       OutcomeName(decision.outcome)));
  }
  if (expect.rules) {
    std::vector<std::string> rules;
    for (const Reason& reason : decision.reasons) rules.emplace_back(reason.rule);
    std::sort(rules.begin(), rules.end());
    rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
    if (rules != *expect.rules) {
      differences.push_back(absl::StrCat("rules: expected [", absl::StrJoin(*expect.rules, ", "),
                                         "], got [", absl::StrJoin(rules, ", "), "]"));
    }
  }
  const auto time = [](std::optional<absl::Time> at) {
    return at ? FormatUtc(*at) : std::string("none");
  };
  const std::optional<absl::Time> not_before =
      decision.outcome == Outcome::kDefer ? std::optional(decision.not_before) : std::nullopt;
  if (expect.not_before && not_before != expect.not_before) {
    differences.push_back(
        absl::StrCat("not_before: expected ", time(expect.not_before), ", got ", time(not_before)));
  }
  if (expect.best_at && decision.best_at != expect.best_at) {
    differences.push_back(
        absl::StrCat("best_at: expected ", time(expect.best_at), ", got ", time(decision.best_at)));
  }
  return differences;
}

}  // namespace tact
