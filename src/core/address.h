// The addresses providers know people by, in one canonical spelling each, so
// a webhook's "Jane@Example.com" finds the profile saved as "jane@example.com".
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace tact {

// Trimmed and lower-cased; nullopt unless it is local@domain with no spaces.
std::optional<std::string> NormalizeEmail(absl::string_view text);

// E.164: "+" then 8 to 15 digits; spaces, dashes, dots and parentheses are
// dropped. nullopt for anything else.
std::optional<std::string> NormalizePhone(absl::string_view text);

// The domain part of an email address ("example.com"), or "" when `address`
// is not one.
std::string EmailDomain(absl::string_view address);

}  // namespace tact
