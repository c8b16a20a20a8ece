// `tact policy test`: cases a policy must go on deciding as written down,
// kept beside it and run before a change goes live. A cases file is TOML:
//
//   [[case]]
//   name = "an evening email waits for the morning"
//   person = { id = "p-1", time_zone = "Europe/Berlin", languages = ["de"] }
//   touch = { channel = "email", kind = "relationship", at = 2027-03-02T20:30:00Z }
//   expect = { decision = "defer", rules = ["quiet_hours"], not_before = 2027-03-03T08:00:00Z }
//
// Besides person and touch (as POST /v1/decide takes them), a case may give
// `account`, `history` (past touches, as `tact decide` takes them),
// `last_reply` and `now` (when it is asked; default: the touch's `at`).
// `touch.person_id` defaults to `person.id`, and `person.id` to "person".
// `expect.decision` is required; `rules` (the exact set of rule ids the
// decision names, [] for none), `not_before` and `best_at` are checked when
// given.
//
// Thread safety: stateless.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/decision.h"

namespace tact {

struct CaseExpectation {
  Outcome outcome = Outcome::kSend;
  std::optional<std::vector<std::string>> rules;  // sorted, each once
  std::optional<absl::Time> not_before;
  std::optional<absl::Time> best_at;
};

struct PolicyCase {
  std::string name;
  int line = 0;               // where its [[case]] starts
  std::string envelope_json;  // cli/envelope.h's envelope, decoded against the policy under test
  std::optional<absl::Time> now;
  CaseExpectation expect;
};

// Every case of a cases file. Errors: InvalidArgument listing every problem
// as "SOURCE:LINE:COLUMN: case[N].KEY: what is wrong".
absl::StatusOr<std::vector<PolicyCase>> LoadPolicyCases(absl::string_view text,
                                                        absl::string_view source);

// How `decision` differs from what was expected, one line per field
// ("decision: expected defer, got send"); empty when the case passes.
std::vector<std::string> CaseDifferences(const CaseExpectation& expect, const Decision& decision);

}  // namespace tact
