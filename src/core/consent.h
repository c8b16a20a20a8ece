// A person's consent to be reached on one channel.
#pragma once

#include <optional>
#include <string_view>

#include "absl/strings/string_view.h"
#include "core/minutes.h"

namespace tact {

enum class Consent : uint8_t { kUnknown, kOptedIn, kOptedOut };

// "unknown", "opted_in", "opted_out".
absl::string_view ConsentName(Consent consent);

// Parses a wire name; the empty string is kUnknown. nullopt for anything else.
std::optional<Consent> ParseConsent(absl::string_view name);

// Consent changes arrive late and out of order (providers retry for hours,
// a CRM syncs yesterday's view), so each channel's and each list's consent
// keeps the minute of its last change, and a change dated `at` applies only
// when it is not older than that one. An opt-out wins a tie between dated
// changes; a change that carries no date of its own (dated at its arrival,
// `dated` false) is the newest news there is, so it wins a tie too (STOP,
// then START, within one minute). Pure.
inline constexpr Minute kNoConsentChange = std::numeric_limits<Minute>::min();
inline bool ConsentChangeApplies(Minute last_change, Minute at, bool opt_out, bool dated) {
  return opt_out || !dated ? at >= last_change : at > last_change;
}

}  // namespace tact
