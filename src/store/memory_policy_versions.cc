#include "store/memory_policy_versions.h"

#include <algorithm>

namespace tact {

void MemoryPolicyVersions::Load(PolicyVersion record) {
  std::lock_guard lock(mutex_);
  const auto at = std::lower_bound(
      versions_.begin(), versions_.end(), record.version,
      [](const PolicyVersion& kept, int64_t version) { return kept.version < version; });
  versions_.insert(at, std::move(record));
}

absl::StatusOr<int64_t> MemoryPolicyVersions::Add(const PolicyVersion& record) {
  std::lock_guard lock(mutex_);
  PolicyVersion kept = record;
  kept.version = versions_.empty() ? 1 : versions_.back().version + 1;
  if (write_through_) write_through_(kept);
  versions_.push_back(std::move(kept));
  return versions_.back().version;
}

absl::StatusOr<std::vector<PolicyVersion>> MemoryPolicyVersions::List(size_t limit,
                                                                      int64_t before) const {
  std::lock_guard lock(mutex_);
  std::vector<PolicyVersion> listed;
  for (auto it = versions_.rbegin(); it != versions_.rend() && listed.size() < limit; ++it) {
    if (before == 0 || it->version < before) listed.push_back(*it);
  }
  return listed;
}

}  // namespace tact
