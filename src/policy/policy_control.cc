// [control]: the control groups, held out of promotional and cold touches.
#include <toml++/toml.h>

#include "absl/strings/str_cat.h"
#include "policy/policy_sections.h"

namespace tact {
namespace {

// More than half held out would starve the treated group it is compared to.
constexpr double kMaxHoldout = 0.5;

std::optional<double> ReadShare(Validator& check, const toml::node& node, absl::string_view path) {
  const std::optional<double> share = node.value<double>();
  if (!share || *share < 0 || *share > kMaxHoldout) {
    check.Error(node, path,
                absl::StrCat("must be a share from 0 to ", kMaxHoldout, " (0.05 holds out 5 %)"));
    return std::nullopt;
  }
  return share;
}

}  // namespace

void ReadControl(Validator& check, const toml::table& root, Policy& policy) {
  const toml::table* table = check.Table(root, "control", "");
  if (table == nullptr) return;
  ControlGroup& control = policy.control;
  control.enabled = true;
  check.CheckKeys(*table, "control", {"holdout", "teams", "kinds", "salt"});
  control.kinds.Add(Kind::kPromotional);
  control.kinds.Add(Kind::kCold);
  ReadKindList(check, *table, "kinds", "control", &control.kinds);
  if (const toml::node* holdout = table->get("holdout")) {
    control.holdout = ReadShare(check, *holdout, "control.holdout").value_or(0);
  }
  if (const toml::table* teams = check.Table(*table, "teams", "control")) {
    for (const auto& [team, node] : *teams) {
      const std::string path = absl::StrCat("control.teams.", Absl(team.str()));
      if (auto share = ReadShare(check, node, path))
        control.teams[std::string(team.str())] = *share;
    }
  }
  control.salt = check.String(*table, "salt", "control").value_or("");
  if (control.holdout == 0 && control.teams.empty()) {
    check.Error(*table, "control", "holds out no one: give holdout, or teams with a share each");
  }
}

}  // namespace tact
