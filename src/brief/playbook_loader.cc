#include <toml++/toml.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "brief/playbook.h"
#include "policy/suggest.h"
#include "policy/toml_validator.h"

namespace tact {

namespace {

struct ThresholdKey {
  absl::string_view key;
  double Thresholds::*field;
  double min;
  double max;
};

constexpr ThresholdKey kThresholdKeys[] = {
    {"revenue_decline_pct", &Thresholds::revenue_decline_pct, -100, 100},
    {"growth_shift_pp", &Thresholds::growth_shift_pp, 0, 1000},
    {"margin_shift_pp", &Thresholds::margin_shift_pp, 0, 100},
    {"debt_growth_pct", &Thresholds::debt_growth_pct, 0, 10000},
    {"debt_to_equity", &Thresholds::debt_to_equity, 0, 1000},
    {"cash_fall_pct", &Thresholds::cash_fall_pct, 0, 100},
    {"runway_months", &Thresholds::runway_months, 0, 600},
    {"dilution_pct", &Thresholds::dilution_pct, 0, 10000},
    {"headcount_shrink_pct", &Thresholds::headcount_shrink_pct, 0, 100},
    {"headcount_growth_pct", &Thresholds::headcount_growth_pct, 0, 10000},
    {"z_distress", &Thresholds::z_distress, -100, 100},
    {"z_safe", &Thresholds::z_safe, -100, 100},
};

void ReadThresholds(Validator& check, const toml::table& root, Thresholds* thresholds) {
  const toml::table* table = check.Table(root, "thresholds", "");
  if (table == nullptr) return;
  std::vector<absl::string_view> names;
  for (const ThresholdKey& threshold : kThresholdKeys) names.push_back(threshold.key);
  check.CheckKeys(*table, "thresholds", names);
  for (const ThresholdKey& threshold : kThresholdKeys) {
    if (auto value =
            check.Number(*table, threshold.key, "thresholds", threshold.min, threshold.max)) {
      thresholds->*threshold.field = *value;
    }
  }
  if (thresholds->z_distress >= thresholds->z_safe) {
    check.Error(*table, "thresholds.z_distress", "must be below z_safe");
  }
}

void ReadRoles(Validator& check, const toml::table& root, std::vector<PlaybookRole>* roles) {
  const toml::table* table = check.Table(root, "roles", "");
  if (table == nullptr) return;
  for (auto&& [key, node] : *table) {
    const std::string id(key.str());
    const std::string path = Validator::Join("roles", id);
    const toml::table* role_table = check.Table(*table, id, "roles");
    if (role_table == nullptr) continue;
    if (id != absl::AsciiStrToLower(id) || SignalByName(id)) {
      check.Error(key.source(), path, "a role id is lower case and not a signal's name");
      continue;
    }
    check.CheckKeys(*role_table, path, {"title", "match"});
    PlaybookRole role{.id = id};
    role.title = check.String(*role_table, "title", path).value_or(id);
    for (std::string& phrase :
         check.Strings(*role_table, "match", path).value_or(std::vector<std::string>{})) {
      role.match.push_back(absl::AsciiStrToLower(phrase));
    }
    roles->push_back(std::move(role));
  }
}

void ReadAdvice(Validator& check, const toml::table& table, absl::string_view path,
                Advice* advice) {
  check.Require(table, "means", path);
  advice->means = check.String(table, "means", path).value_or("");
  advice->questions = check.Strings(table, "questions", path).value_or(std::vector<std::string>{});
}

void ReadSignal(Validator& check, const toml::table& table, absl::string_view path,
                const std::vector<PlaybookRole>& roles, SignalAdvice* advice) {
  std::vector<absl::string_view> role_ids;
  for (const PlaybookRole& role : roles) role_ids.push_back(role.id);
  for (auto&& [key, node] : table) {
    const absl::string_view name = Absl(key.str());
    if (name == "means" || name == "questions") continue;
    const std::string role_path = Validator::Join(path, name);
    if (std::find(role_ids.begin(), role_ids.end(), name) == role_ids.end()) {
      const std::string nearest = NearestWord(name, role_ids);
      check.Error(key.source(), role_path,
                  absl::StrCat("not a role declared in [roles]",
                               nearest.empty()
                                   ? absl::StrCat(" (roles: ", absl::StrJoin(role_ids, ", "), ")")
                                   : absl::StrCat(" (did you mean '", nearest, "'?)")));
      continue;
    }
    const toml::table* role_table = check.Table(table, name, path);
    if (role_table == nullptr) continue;
    check.CheckKeys(*role_table, role_path, {"means", "questions"});
    ReadAdvice(check, *role_table, role_path, &advice->by_role[std::string(name)]);
  }
  ReadAdvice(check, table, path, &advice->general);
}

}  // namespace

const PlaybookRole* Playbook::RoleFor(absl::string_view person_role) const {
  const std::string folded = absl::AsciiStrToLower(person_role);
  std::vector<absl::string_view> words =
      absl::StrSplit(folded, absl::ByAnyChar(" ,;/()-"), absl::SkipEmpty());
  const std::string spaced = absl::StrCat(" ", absl::StrJoin(words, " "), " ");
  for (const PlaybookRole& role : roles) {
    if (folded == role.id) return &role;
    for (const std::string& phrase : role.match) {
      if (absl::StrContains(spaced, absl::StrCat(" ", phrase, " "))) return &role;
    }
  }
  return nullptr;
}

absl::StatusOr<Playbook> LoadPlaybookFromString(absl::string_view text, absl::string_view source) {
  auto parsed = ParseToml(text, source);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  Validator check(source);
  check.CheckKeys(root, "", {"thresholds", "brief", "roles", "signals"});
  Playbook playbook;
  ReadThresholds(check, root, &playbook.thresholds);
  if (const toml::table* brief = check.Table(root, "brief", "")) {
    check.CheckKeys(*brief, "brief", {"top_questions"});
    playbook.top_questions =
        static_cast<int>(check.Integer(*brief, "top_questions", "brief", 0, 20).value_or(3));
  }
  ReadRoles(check, root, &playbook.roles);
  if (const toml::table* signals = check.Table(root, "signals", "")) {
    const std::vector<absl::string_view> names = SignalNames();
    for (auto&& [key, node] : *signals) {
      const absl::string_view name = Absl(key.str());
      const std::string path = Validator::Join("signals", name);
      const std::optional<SignalId> id = SignalByName(name);
      if (!id) {
        const std::string nearest = NearestWord(name, names);
        check.Error(key.source(), path,
                    nearest.empty()
                        ? std::string("not a signal tact reads (see docs/briefs.md)")
                        : absl::StrCat("not a signal tact reads (did you mean '", nearest, "'?)"));
        continue;
      }
      const toml::table* table = check.Table(*signals, name, "signals");
      if (table == nullptr) continue;
      ReadSignal(check, *table, path, playbook.roles, &playbook.signals[static_cast<int>(*id)]);
    }
  }
  if (!check.ok()) return absl::InvalidArgumentError(check.Joined());
  return playbook;
}

const Playbook& DefaultPlaybook() {
  static const Playbook* const playbook = [] {
    auto loaded = LoadPlaybookFromString(DefaultPlaybookText(), "examples/playbook.toml");
    // The default is validated by its unit test; a broken build fails there.
    return new Playbook(loaded.ok() ? *std::move(loaded) : Playbook{});
  }();
  return *playbook;
}

}  // namespace tact
