// [brief]: what the policy asks of sellers before a cold touch
// (brief.hypothesis; docs/briefs.md).
#include "policy/policy_sections.h"

namespace tact {

void ReadBrief(Validator& check, const toml::table& root, Policy& policy) {
  HypothesisRule& rule = policy.hypothesis;
  rule.applies_to.Add(Kind::kCold);
  const toml::table* table = check.Table(root, "brief", "");
  if (table == nullptr) return;
  check.CheckKeys(*table, "brief", {"hypothesis"});
  const toml::table* hypothesis = check.Table(*table, "hypothesis", "brief");
  if (hypothesis == nullptr) return;
  constexpr absl::string_view kPath = "brief.hypothesis";
  check.CheckKeys(*hypothesis, kPath, {"applies_to", "max_age", "min_words", "max_brief_share"});
  rule.enabled = true;
  ReadKindList(check, *hypothesis, "applies_to", kPath, &rule.applies_to);
  if (auto age = check.Span(*hypothesis, "max_age", kPath)) rule.max_age = *age;
  if (auto words = check.Integer(*hypothesis, "min_words", kPath, 0, 1000))
    rule.min_words = static_cast<int>(*words);
  if (auto share = check.Number(*hypothesis, "max_brief_share", kPath, 0, 1))
    rule.max_brief_share = *share;
}

}  // namespace tact
