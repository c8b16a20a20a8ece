// Policy versions in memory (ports/policy_versions.h), for every kind of
// state of one process: the embedded state writes each one through to the
// journal and loads them back at open.
//
// Thread safety: every method may be called from any thread (one mutex).
#pragma once

#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "ports/policy_versions.h"

namespace tact {

class MemoryPolicyVersions final : public PolicyVersions {
 public:
  // Called under the lock with each version added, its number set: the
  // journal's write-through.
  using WriteThrough = std::function<void(const PolicyVersion& record)>;
  void SetWriteThrough(WriteThrough write_through) { write_through_ = std::move(write_through); }

  // Keeps `record` under its own number without writing it through (loading).
  void Load(PolicyVersion record);

  absl::StatusOr<int64_t> Add(const PolicyVersion& record) override;
  absl::StatusOr<std::vector<PolicyVersion>> List(size_t limit, int64_t before) const override;

 private:
  mutable std::mutex mutex_;
  std::vector<PolicyVersion> versions_ ABSL_GUARDED_BY(mutex_);  // by number, ascending
  WriteThrough write_through_;
};

}  // namespace tact
