// A person's consent to be reached on one channel.
#pragma once

#include <optional>
#include <string_view>

#include "absl/strings/string_view.h"

namespace tact {

enum class Consent : uint8_t { kUnknown, kOptedIn, kOptedOut };

// "unknown", "opted_in", "opted_out".
absl::string_view ConsentName(Consent consent);

// Parses a wire name; the empty string is kUnknown. nullopt for anything else.
std::optional<Consent> ParseConsent(absl::string_view name);

}  // namespace tact
