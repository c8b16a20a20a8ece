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

absl::StatusOr<int64_t> Governor::KeepVersion(
    absl::string_view text, absl::string_view origin, absl::string_view token,
    absl::FunctionRef<std::vector<std::string>(const PolicyVersion* latest)> changes) {
  // The latest version, not this node's policy: another node may have added
  // one this node has not adopted yet.
  absl::StatusOr<std::vector<PolicyVersion>> latest = state_.policy_versions->List(1, 0);
  absl::StatusOr<int64_t> version;
  if (!latest.ok()) {
    version = latest.status();
  } else if (!latest->empty() && latest->front().text == text) {
    version = latest->front().version;  // the text in force: no new version
  } else {
    version = state_.policy_versions->Add(
        PolicyVersion{0, clock_(), std::string(token), std::string(origin), std::string(text),
                      changes(latest->empty() ? nullptr : &latest->front())});
  }
  if (!version.ok()) {
    observer_.OnStateFailure("policy", version.status());
    return version.status();
  }
  RaiseTo(policy_version_, *version);
  return version;
}

absl::Status Governor::ChangePolicy(absl::StatusOr<Policy> policy, absl::string_view text,
                                    absl::string_view origin, absl::string_view token) {
  if (!policy.ok() || state_.policy_versions == nullptr) return ReplacePolicy(std::move(policy));
  const std::shared_ptr<const Policy> current = policy_.load();
  absl::StatusOr<int64_t> version = KeepVersion(
      text, origin, token, [&](const PolicyVersion*) { return ChangeLines(*current, *policy); });
  if (!version.ok()) return version.status();
  policy->version = *version;
  return ReplacePolicy(std::move(policy));
}

absl::Status Governor::KeepStartingPolicy(
    absl::string_view text, absl::string_view origin,
    absl::FunctionRef<absl::StatusOr<Policy>(absl::string_view text)> parse) {
  if (state_.policy_versions == nullptr) return absl::OkStatus();
  Policy starting = *policy_.load();
  absl::StatusOr<int64_t> version = KeepVersion(text, origin, "", [&](const PolicyVersion* latest) {
    if (latest == nullptr) return std::vector<std::string>{};
    absl::StatusOr<Policy> previous = parse(latest->text);
    if (!previous.ok()) {
      return std::vector<std::string>{
          absl::StrCat("the version before no longer loads: ", previous.status().message())};
    }
    return ChangeLines(*previous, starting);
  });
  if (!version.ok()) return version.status();
  starting.version = *version;
  // Not a reload: the policy is the one the Governor started with.
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
