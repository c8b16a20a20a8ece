// Loads a policy from TOML and validates it once. Either every value is
// valid and an immutable Policy comes back, or nothing does and the error
// lists every problem found, one per line, each as
//   FILE:LINE:COLUMN: KEY: what is wrong (and what would be right)
// e.g. "policy.toml:14:5: budget[1].maxx: unknown key (did you mean 'max'?)".
//
// The loader is pure: it reads no file. A policy that names another file
// (content.lexicon) gets it through the PolicyFileReader its caller passes
// (files/policy_file.h reads them from disk).
//
// Thread safety: the functions are reentrant.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "policy/policy.h"

namespace tact {

// A file a policy names, as its reader found it: `name` is where it was
// read from (used in error locations), `text` what it holds.
struct PolicyFile {
  std::string name;
  std::string text;
};

// Gives the file a policy names, by the name written in the policy. An
// error's message says what could not be read; the loader reports it at the
// key that names the file.
using PolicyFileReader = std::function<absl::StatusOr<PolicyFile>(absl::string_view name)>;

// A reader for policies that may name no file: every name is refused.
PolicyFileReader NoPolicyFiles();

// Parses `text`; `source_name` is used in error locations; the files the
// policy names come from `read_file`.
// Errors: InvalidArgument listing every problem, in the policy and in the
// files it names.
absl::StatusOr<Policy> LoadPolicyFromString(absl::string_view text, absl::string_view source_name,
                                            const PolicyFileReader& read_file = NoPolicyFiles());

// The default policy shipped as examples/policy.toml, compiled in.
absl::string_view DefaultPolicyText();

}  // namespace tact
