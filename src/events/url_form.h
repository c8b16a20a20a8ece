// URL query strings and application/x-www-form-urlencoded bodies (a
// one-click unsubscribe's form, Twilio's callbacks), percent-decoded.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tact {

// The query parameters of a target ("?kind=cold&at=…"), percent-decoded.
// Errors: InvalidArgument naming a parameter with bad percent-encoding, or
// for a name or value that is not UTF-8.
absl::StatusOr<absl::flat_hash_map<std::string, std::string>> ParseQuery(absl::string_view target);

// application/x-www-form-urlencoded text ("a=1&b=x+y"), pairs in order,
// repeats kept. Errors: InvalidArgument naming the parameter (or `what`) with
// bad percent-encoding, or text that is not UTF-8.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ParseForm(absl::string_view text,
                                                                           absl::string_view what);

// Decodes %XX escapes (and '+' as space when `plus_is_space`).
// Errors: InvalidArgument for a truncated or non-hex escape.
absl::StatusOr<std::string> PercentDecode(absl::string_view text, bool plus_is_space);

}  // namespace tact
