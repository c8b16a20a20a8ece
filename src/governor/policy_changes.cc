// The Governor's policy changes: here, or on every node sharing the state,
// each kept as a version.
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "governor/governor.h"
#include "policy/policy_meaning.h"

namespace tact {
namespace {

void RaiseTo(std::atomic<int64_t>& value, int64_t at_least) {
  int64_t seen = value.load();
  while (seen < at_least && !value.compare_exchange_weak(seen, at_least)) {
  }
}

std::vector<std::string> ChangeLines(const Policy& before, const Policy& after) {
  std::vector<std::string> lines;
  for (const PolicyChange& change : DiffPolicies(before, after)) {
    lines.push_back(ChangeLine(change));
  }
  return lines;
}

}  // namespace

absl::Status Governor::ReplacePolicy(absl::StatusOr<Policy> policy) {
  observer_.OnPolicyReload(policy.ok());
  if (!policy.ok()) return policy.status();
  state_.persistence.SetRetention(policy->retention_minutes, LedgerRetentionMinutes(*policy));
  policy_.store(std::make_shared<const Policy>(*std::move(policy)));
  return absl::OkStatus();
}

absl::Status Governor::ChangePolicy(absl::StatusOr<Policy> policy, absl::string_view text,
                                    absl::string_view origin, absl::string_view token) {
  if (!policy.ok() || state_.policy_versions == nullptr) return ReplacePolicy(std::move(policy));
  // The latest version, not this node's: another node may have added one
  // this node has not adopted yet.
  absl::StatusOr<std::vector<PolicyVersion>> latest = state_.policy_versions->List(1, 0);
  if (!latest.ok()) {
    observer_.OnStateFailure("policy", latest.status());
    return latest.status();
  }
  if (!latest->empty() && latest->front().text == text) {
    policy->version = latest->front().version;
    RaiseTo(policy_version_, policy->version);
    return ReplacePolicy(std::move(policy));  // the text in force: reloaded, no new version
  }
  const std::shared_ptr<const Policy> current = policy_.load();
  const PolicyVersion record{0,
                             clock_(),
                             std::string(token),
                             std::string(origin),
                             std::string(text),
                             ChangeLines(*current, *policy)};
  absl::StatusOr<int64_t> version = state_.policy_versions->Add(record);
  if (!version.ok()) {
    observer_.OnStateFailure("policy", version.status());
    return version.status();
  }
  policy->version = *version;
  absl::Status replaced = ReplacePolicy(std::move(policy));
  RaiseTo(policy_version_, *version);
  return replaced;
}

absl::Status Governor::KeepStartingPolicy(
    absl::string_view text, absl::string_view origin,
    absl::FunctionRef<absl::StatusOr<Policy>(absl::string_view text)> parse) {
  if (state_.policy_versions == nullptr) return absl::OkStatus();
  absl::StatusOr<std::vector<PolicyVersion>> latest = state_.policy_versions->List(1, 0);
  if (!latest.ok()) return latest.status();
  Policy starting = *policy_.load();
  std::vector<std::string> changes;
  if (!latest->empty() && latest->front().text == text) {
    starting.version = latest->front().version;
    RaiseTo(policy_version_, starting.version);
    policy_.store(std::make_shared<const Policy>(std::move(starting)));
    return absl::OkStatus();
  }
  if (!latest->empty()) {
    absl::StatusOr<Policy> previous = parse(latest->front().text);
    changes = previous.ok()
                  ? ChangeLines(*previous, starting)
                  : std::vector<std::string>{absl::StrCat("the version before no longer loads: ",
                                                          previous.status().message())};
  }
  const PolicyVersion record{
      0, clock_(), "", std::string(origin), std::string(text), std::move(changes)};
  absl::StatusOr<int64_t> version = state_.policy_versions->Add(record);
  if (!version.ok()) return version.status();
  starting.version = *version;
  RaiseTo(policy_version_, *version);
  policy_.store(std::make_shared<const Policy>(std::move(starting)));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<PolicyVersion>> Governor::PolicyHistory(size_t limit,
                                                                   int64_t before) const {
  if (state_.policy_versions == nullptr) return std::vector<PolicyVersion>{};
  return state_.policy_versions->List(limit, before);
}

absl::StatusOr<std::optional<SharedPolicy::Published>> Governor::FollowPolicy(
    absl::FunctionRef<absl::StatusOr<Policy>(absl::string_view text)> parse) {
  if (state_.shared_policy == nullptr) return std::nullopt;
  absl::StatusOr<std::optional<SharedPolicy::Published>> newer =
      state_.shared_policy->NewerThan(policy_version_.load());
  if (!newer.ok()) {
    observer_.OnStateFailure("policy", newer.status());
    return newer.status();
  }
  if (!newer->has_value()) return std::nullopt;
  // Read once: a text this node cannot load is not tried again every poll.
  RaiseTo(policy_version_, (*newer)->version);
  absl::StatusOr<Policy> adopted = parse((*newer)->text);
  if (adopted.ok()) adopted->version = (*newer)->version;
  if (absl::Status replaced = ReplacePolicy(std::move(adopted)); !replaced.ok()) {
    return replaced;
  }
  return newer;
}

}  // namespace tact
