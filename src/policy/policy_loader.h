// Loads a policy from TOML and validates it once. Either every value is
// valid and an immutable Policy comes back, or nothing does and the error
// lists every problem found, one per line, each as
//   FILE:LINE:COLUMN: KEY: what is wrong (and what would be right)
// e.g. "policy.toml:14:5: budget[1].maxx: unknown key (did you mean 'max'?)".
//
// Thread safety: the functions are reentrant.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "policy/policy.h"

namespace tact {

// Parses `text`; `source_name` is used in error locations.
// Errors: InvalidArgument listing every problem.
absl::StatusOr<Policy> LoadPolicyFromString(absl::string_view text, absl::string_view source_name);

// Reads and parses the file at `path`.
// Errors: NotFound / PermissionDenied when the file cannot be read,
// InvalidArgument listing every problem in it.
absl::StatusOr<Policy> LoadPolicyFile(const std::string& path);

// The default policy shipped as examples/policy.toml, compiled in.
absl::string_view DefaultPolicyText();

}  // namespace tact
