// Port: the policy in force for every node that shares the state, kept as
// its text with a version that grows by one with each publication, so a
// change made on one node (PUT /v1/policy, SIGHUP) reaches the others. It
// is published by adding it as a version (ports/policy_versions.h, which the
// same implementation provides). States of one process have none
// (StatePorts::shared_policy is null).
//
// Errors: the state's (Unavailable: nothing changed; Unknown: it may have).
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tact {

class SharedPolicy {
 public:
  struct Published {
    int64_t version = 0;
    std::string text;
    std::string origin;  // where it came from ("PUT /v1/policy", a file's path)
  };

  virtual ~SharedPolicy() = default;
  // The policy in force if its version is above `version`; nullopt when it
  // is not, or when none was ever published.
  virtual absl::StatusOr<std::optional<Published>> NewerThan(int64_t version) = 0;
};

}  // namespace tact
