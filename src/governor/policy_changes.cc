// The Governor's policy changes: here, or on every node sharing the state.
#include <algorithm>
#include <utility>

#include "governor/governor.h"

namespace tact {
namespace {

void RaiseTo(std::atomic<int64_t>& value, int64_t at_least) {
  int64_t seen = value.load();
  while (seen < at_least && !value.compare_exchange_weak(seen, at_least)) {
  }
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
                                    absl::string_view origin) {
  if (!policy.ok() || state_.shared_policy == nullptr) return ReplacePolicy(std::move(policy));
  absl::StatusOr<int64_t> version = state_.shared_policy->Publish(text, origin);
  if (!version.ok()) {
    observer_.OnStateFailure("policy", version.status());
    return version.status();
  }
  absl::Status replaced = ReplacePolicy(std::move(policy));
  RaiseTo(policy_version_, *version);
  return replaced;
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
  if (absl::Status replaced = ReplacePolicy(parse((*newer)->text)); !replaced.ok()) {
    return replaced;
  }
  return newer;
}

}  // namespace tact
