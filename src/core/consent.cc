#include "core/consent.h"

#include "absl/strings/string_view.h"

namespace tact {

absl::string_view ConsentName(Consent consent) {
  switch (consent) {
    case Consent::kOptedIn:
      return "opted_in";
    case Consent::kOptedOut:
      return "opted_out";
    case Consent::kUnknown:
      break;
  }
  return "unknown";
}

std::optional<Consent> ParseConsent(absl::string_view name) {
  if (name.empty() || name == "unknown") return Consent::kUnknown;
  if (name == "opted_in") return Consent::kOptedIn;
  if (name == "opted_out") return Consent::kOptedOut;
  return std::nullopt;
}

}  // namespace tact
