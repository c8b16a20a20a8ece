#include "policy/policy_loader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "core/minutes.h"
#include "policy/policy_sections.h"
#include "policy/suggest.h"
#include "policy/toml_validator.h"

namespace tact {
namespace {

void SetKindDefaults(Policy& policy) {
  KindRules& transactional = policy.kinds[static_cast<int>(Kind::kTransactional)];
  transactional.budgets = false;
  transactional.quiet_hours = false;
  transactional.followups = false;
  transactional.consent = ConsentMode::kOptOutOnly;
  policy.kinds[static_cast<int>(Kind::kCold)].requires_icp = true;
  // A promotion can wait half a minute; a receipt's sender should know.
  policy.kinds[static_cast<int>(Kind::kPromotional)].when_unavailable = WhenUnavailable::kDefer;
  policy.kinds[static_cast<int>(Kind::kCold)].when_unavailable = WhenUnavailable::kDefer;
}

absl::Duration Retention(const Policy& policy) {
  absl::Duration longest = absl::ZeroDuration();
  for (const Budget& budget : policy.budgets) longest = std::max(longest, budget.window);
  for (const Gap& gap : policy.gaps) longest = std::max(longest, gap.min);
  if (policy.sender.enabled) longest = std::max(longest, policy.sender.window);
  longest = std::max(longest, policy.followups.min_gap);
  if (policy.followups.max_unanswered > 0) longest = std::max(longest, policy.followups.memory);
  if (policy.engagement.dormant_after_ignored > 0) {
    longest = std::max(longest, policy.engagement.dormant_window);
    longest = std::max(longest, policy.engagement.attribution_window);
  }
  if (policy.content.repeat) longest = std::max(longest, policy.content.repeat_window);
  if (policy.content.mass_max_recipients > 0)
    longest = std::max(longest, policy.content.mass_window);
  for (const FrequencyChoice& choice : policy.preferences.frequencies) {
    longest = std::max(longest, choice.window);
  }
  return longest;
}

int ScopeIndex(Policy& policy, const Scope& scope) {
  for (size_t index = 0; index < policy.scopes.size(); ++index) {
    if (policy.scopes[index] == scope) return static_cast<int>(index);
  }
  policy.scopes.push_back(scope);
  return static_cast<int>(policy.scopes.size() - 1);
}

// Precomputes what every decision would otherwise recompute.
void Finalize(Policy& policy) {
  for (Budget& budget : policy.budgets) {
    budget.window_minutes = SpanMinutes(budget.window);
    budget.scope_index = ScopeIndex(policy, budget.scope);
  }
  for (Gap& gap : policy.gaps) {
    gap.min_minutes = SpanMinutes(gap.min);
    gap.scope_index = ScopeIndex(policy, gap.scope);
  }
  policy.sender.window_minutes = SpanMinutes(policy.sender.window);
  policy.followups.min_gap_minutes = SpanMinutes(policy.followups.min_gap);
  policy.followups.memory_minutes = SpanMinutes(policy.followups.memory);
  policy.retention_minutes = SpanMinutes(policy.retention);
  policy.engagement.attribution_minutes = SpanMinutes(policy.engagement.attribution_window);
  policy.engagement.dormant_window_minutes = SpanMinutes(policy.engagement.dormant_window);
  policy.content.repeat_window_minutes = SpanMinutes(policy.content.repeat_window);
  policy.content.mass_window_minutes = SpanMinutes(policy.content.mass_window);
  policy.hypothesis.max_age_minutes = SpanMinutes(policy.hypothesis.max_age);
  for (FrequencyChoice& choice : policy.preferences.frequencies) {
    choice.window_minutes = SpanMinutes(choice.window);
  }
}

}  // namespace

PolicyFileReader NoPolicyFiles() {
  return [](absl::string_view name) -> absl::StatusOr<PolicyFile> {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read '", name, "': this policy may not name files"));
  };
}

absl::StatusOr<Policy> LoadPolicyFromString(absl::string_view text, absl::string_view source_name,
                                            const PolicyFileReader& read_file) {
  auto parsed = ParseToml(text, source_name);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  Validator check(source_name);
  check.CheckKeys(root, "",
                  {"kinds", "budget", "gap", "tiers", "sender", "followups", "quiet_hours",
                   "consent", "icp", "health", "engagement", "reputation", "relevance", "content",
                   "check", "brief", "preferences", "send_time", "control"});
  Policy policy;
  policy.source = std::string(source_name);
  policy.text = std::string(text);
  SetKindDefaults(policy);
  ReadKinds(check, root, policy);
  ReadBudgets(check, root, policy);
  ReadGaps(check, root, policy);
  ReadTiers(check, root, policy);
  ReadSender(check, root, policy);
  ReadFollowups(check, root, policy);
  ReadQuietHours(check, root, read_file, policy);
  ReadConsent(check, root, policy);
  ReadIcp(check, root, policy);
  ReadHealth(check, root, policy);
  ReadCheck(check, root, policy);
  ReadEngagement(check, root, policy);
  ReadReputation(check, root, policy);
  ReadRelevance(check, root, policy);
  ReadContent(check, root, read_file, policy);
  ReadBrief(check, root, policy);
  ReadPreferences(check, root, policy);
  ReadSendTime(check, root, policy);
  ReadControl(check, root, policy);
  if (!check.ok()) return absl::InvalidArgumentError(check.Joined());
  policy.retention = Retention(policy);
  Finalize(policy);
  return policy;
}

}  // namespace tact
