// [preferences]: the choices a person's preference page offers and what each
// does (core/preferences.h, rules/preference_rule.h; docs/policy.md).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "content/language.h"
#include "policy/policy_sections.h"

namespace tact {
namespace {

constexpr absl::string_view kPath = "preferences";

void ReadFrequencies(Validator& check, const toml::table& table, PreferencePolicy& preferences) {
  const toml::array* choices = ArrayOfTables(check, table, "frequency");
  if (choices == nullptr) return;
  for (size_t index = 0; index < choices->size(); ++index) {
    const toml::table& choice_table = *choices->get(index)->as_table();
    const std::string path = absl::StrCat("preferences.frequency[", index + 1, "]");
    check.CheckKeys(choice_table, path, {"id", "label", "max", "window", "only"});
    check.Require(choice_table, "id", path);
    check.Require(choice_table, "label", path);
    FrequencyChoice choice;
    choice.id = check.String(choice_table, "id", path).value_or("");
    choice.label = check.String(choice_table, "label", path).value_or("");
    if (auto max = check.Integer(choice_table, "max", path, 1, 1000)) choice.max = *max;
    if (auto window = check.Span(choice_table, "window", path)) choice.window = *window;
    if (choice_table.contains("only")) {
      ReadKindList(check, choice_table, "only", path, &choice.only);
      choice.only_kinds = true;
    }
    const bool budget = choice.max > 0 && choice.window > absl::ZeroDuration();
    if (budget == choice.only_kinds) {
      check.Error(choice_table, path,
                  "give either max and window (a budget of the person's own) or only (the kinds "
                  "they still want)");
    }
    if (preferences.FindFrequency(choice.id) != nullptr) {
      check.Error(choice_table, path, absl::StrCat("repeats the id '", choice.id, "'"));
    }
    preferences.frequencies.push_back(std::move(choice));
  }
}

void ReadPause(Validator& check, const toml::table& table, PreferencePolicy& preferences) {
  const toml::table* pause = check.Table(table, "pause", kPath);
  if (pause == nullptr) return;
  const std::string path = "preferences.pause";
  check.CheckKeys(*pause, path, {"max", "suppress", "defer"});
  if (auto max = check.Span(*pause, "max", path)) preferences.max_pause = *max;
  ReadKindList(check, *pause, "suppress", path, &preferences.pause_suppress);
  ReadKindList(check, *pause, "defer", path, &preferences.pause_defer);
  for (int kind = 0; kind < kKindCount; ++kind) {
    const Kind one = static_cast<Kind>(kind);
    const bool suppressed = preferences.pause_suppress.Contains(one);
    const bool deferred = preferences.pause_defer.Contains(one);
    if (suppressed && deferred) {
      check.Error(*pause, path,
                  absl::StrCat(KindName(one), " is in both suppress and defer; pick one"));
    } else if ((suppressed || deferred) && one == Kind::kTransactional) {
      check.Error(*pause, path, "transactional touches are never paused; take it out");
    }
  }
}

// [preferences.labels]: id = { en = "…", de = "…" } for topics and frequency
// choices (read after both).
void ReadLabels(Validator& check, const toml::table& table, PreferencePolicy& preferences) {
  const toml::table* labels = check.Table(table, "labels", kPath);
  if (labels == nullptr) return;
  for (const auto& [key, value] : *labels) {
    const std::string id(key.str());
    const std::string path = absl::StrCat("preferences.labels.", id);
    const bool known = preferences.FindFrequency(id) != nullptr ||
                       std::find(preferences.topics.begin(), preferences.topics.end(), id) !=
                           preferences.topics.end();
    if (!known) {
      check.Error(value, path, "is neither one of the topics nor a frequency choice's id");
      continue;
    }
    const toml::table* texts = value.as_table();
    if (texts == nullptr) {
      check.Error(value, path, "must be a table of language = \"label\" (en = \"Events\")");
      continue;
    }
    for (const auto& [language, text] : *texts) {
      const std::string tag(language.str());
      const std::string text_path = absl::StrCat(path, ".", tag);
      if (std::string problem = LanguageTagProblem(tag); !problem.empty()) {
        check.Error(text, text_path, problem);
      } else if (const auto* string = text.as_string();
                 string == nullptr || string->get().empty()) {
        check.Error(text, text_path, "must be a label (a non-empty string)");
      } else {
        preferences.labels.push_back({id, tag, string->get()});
      }
    }
  }
}

}  // namespace

void ReadPreferences(Validator& check, const toml::table& root, Policy& policy) {
  PreferencePolicy& preferences = policy.preferences;
  // The defaults: transactional is never held back; a pause suppresses
  // promotional and cold touches and defers relationship ones.
  preferences.exempt.Add(Kind::kTransactional);
  preferences.pause_suppress.Add(Kind::kPromotional);
  preferences.pause_suppress.Add(Kind::kCold);
  preferences.pause_defer.Add(Kind::kRelationship);
  const toml::table* table = check.Table(root, kPath, "");
  if (table == nullptr) return;
  preferences.enabled = true;
  check.CheckKeys(*table, kPath, {"topics", "frequency", "exempt", "pause", "labels"});
  if (auto topics = check.Strings(*table, "topics", kPath)) preferences.topics = *topics;
  ReadKindList(check, *table, "exempt", kPath, &preferences.exempt);
  ReadFrequencies(check, *table, preferences);
  ReadPause(check, *table, preferences);
  ReadLabels(check, *table, preferences);
}

}  // namespace tact
