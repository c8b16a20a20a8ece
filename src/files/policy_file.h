// The policy as a file on disk, and the files it names (content.lexicon),
// read for the pure loader (policy/policy_loader.h), which reads nothing
// itself.
//
// Thread safety: reentrant; a PolicyFileReader may be called from any thread.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "policy/policy.h"
#include "policy/policy_loader.h"

namespace tact {

// Reads the files a policy names from disk: an absolute name as it is, a
// relative one from the directory of `policy_path` (the working directory
// when `policy_path` has none, e.g. a policy sent over HTTP).
// Errors: NotFound "cannot open 'PATH'" with the path it tried.
PolicyFileReader FilesBeside(absl::string_view policy_path);

// The text of the policy file at `path`. NotFound when it cannot be read.
absl::StatusOr<std::string> ReadPolicyText(const std::string& path);

// Reads and parses the policy file at `path`, and the files it names.
// Errors: NotFound when the file cannot be read, InvalidArgument listing
// every problem in it and in the files it names.
absl::StatusOr<Policy> LoadPolicyFile(const std::string& path);

}  // namespace tact
