// The addresses providers know people by, in one canonical spelling each, so
// a webhook's "Jane@Example.com" finds the profile saved as "jane@example.com".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/person.h"

namespace tact {

// Trimmed and lower-cased; nullopt unless it is local@domain with no spaces.
std::optional<std::string> NormalizeEmail(absl::string_view text);

// E.164: "+" then 8 to 15 digits; spaces, dashes, dots and parentheses are
// dropped. nullopt for anything else.
std::optional<std::string> NormalizePhone(absl::string_view text);

// The domain part of an email address ("example.com"), or "" when `address`
// is not one.
std::string EmailDomain(absl::string_view address);

// The address index's key for a tool's own id of a person: "tool:id", the
// tool lower case ("hubspot:1501"). It never equals an email address or a
// phone number (neither starts with letters and a colon).
std::string ToolIdKey(absl::string_view tool, absl::string_view id);

// Every key the address index holds for `person`: email, phone and each
// tool id's key, the empty ones left out.
std::vector<std::string> AddressKeys(const Person& person);

}  // namespace tact
