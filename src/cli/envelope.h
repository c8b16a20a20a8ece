// One touch to decide and everything it is decided on, as `tact decide`
// reads it from stdin and `tact policy test` from each case:
//
//   {"person": {…}, "account": {…}?, "history": [past touches]?,
//    "last_reply": "RFC 3339"?, "touch": {…}}
//
// Thread safety: stateless.
#pragma once

#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/account.h"
#include "core/history.h"
#include "core/person.h"
#include "core/touch.h"
#include "policy/policy.h"

namespace tact {

struct Envelope {
  Person person;
  std::optional<Account> account;
  History history;  // past touches count for budgets as `policy` says of their kind
  Touch touch;
};

// Decodes an envelope (at most 4 MiB of JSON) against `policy`. Errors:
// InvalidArgument naming the field ("touch.channel: …"), or `source` when
// the text as a whole is at fault ("stdin: not valid JSON (…)").
absl::StatusOr<Envelope> ParseEnvelope(absl::string_view text, const Policy& policy,
                                       absl::string_view source = "stdin");

}  // namespace tact
