// Where a command's policy comes from: a file, or the built-in default
// (examples/policy.toml, compiled in).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "policy/policy.h"

namespace tact {

absl::StatusOr<Policy> LoadPolicyOrDefault(const std::string& path);

}  // namespace tact
