// Port: every policy that came into force, kept as a version — when, by
// whom (the token's name), from where, its text, and what it changed in
// meaning from the one before — so a team can see how its policy came to
// be and which policy made a decision (decisions carry the version).
//
// Contract for every implementation:
//   - Add keeps `record` as the version one above the latest (1 for the
//     first) and returns that number; numbers are never reused. It is
//     durable as ports/persistence.h says once its mark is. In a state
//     shared by several nodes, adding a version also makes it the policy in
//     force for all of them (ports/shared_policy.h reads it).
//   - List returns at most `limit` versions below `before` (0: from the
//     latest), the latest first.
//   - What they return is a copy as added; versions are never changed.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace tact {

struct PolicyVersion {
  int64_t version = 0;  // set by Add
  absl::Time at;
  std::string token;   // the token's name for PUT /v1/policy; empty for a file
  std::string origin;  // "PUT /v1/policy", the policy file's path, "built-in default"
  std::string text;
  // What changed in meaning from the version before, one line each
  // ("~ budget.all.7d: at most 3 … -> at most 2 …", policy/policy_meaning.h).
  std::vector<std::string> changes;
};

class PolicyVersions {
 public:
  virtual ~PolicyVersions() = default;
  virtual absl::StatusOr<int64_t> Add(const PolicyVersion& record) = 0;
  virtual absl::StatusOr<std::vector<PolicyVersion>> List(size_t limit, int64_t before) const = 0;
};

}  // namespace tact
