// The playbook (examples/playbook.toml, compiled in as the default): when a
// figure counts as a signal, what each signal likely means for the account,
// and per role of the person what it means to them and what to ask.
//
// Thread safety: immutable once loaded.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "brief/signals.h"

namespace tact {

struct Advice {
  std::string means;
  std::vector<std::string> questions;
};

struct SignalAdvice {
  Advice general;
  absl::flat_hash_map<std::string, Advice> by_role;  // role id -> advice
};

struct PlaybookRole {
  std::string id;                  // "cfo"
  std::string title;               // "Chief financial officer"
  std::vector<std::string> match;  // lower case phrases
};

struct Playbook {
  Thresholds thresholds;
  int top_questions = 3;
  std::vector<PlaybookRole> roles;  // in the order they are matched
  std::array<SignalAdvice, kSignalCount> signals;

  const SignalAdvice& AdviceFor(SignalId id) const { return signals[static_cast<int>(id)]; }
  // The role a person's free-text role names ("VP Finance" -> cfo): its id,
  // or a `match` phrase as whole words, ignoring case; nullptr for none.
  const PlaybookRole* RoleFor(absl::string_view person_role) const;
};

// Parses and validates a playbook. Errors: InvalidArgument listing every
// problem as SOURCE:LINE:COLUMN: KEY: message (an unknown signal or role with
// the nearest name, a threshold out of range, a role's table for a role not
// declared in [roles]).
absl::StatusOr<Playbook> LoadPlaybookFromString(absl::string_view text, absl::string_view source);

// examples/playbook.toml, compiled in.
absl::string_view DefaultPlaybookText();
// The default playbook, parsed on first use.
const Playbook& DefaultPlaybook();

}  // namespace tact
