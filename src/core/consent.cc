#include "core/consent.h"

#include "core/enum_names.h"

namespace tact {
namespace {
constexpr EnumNames<Consent, 3> kNames({"unknown", "opted_in", "opted_out"});
}  // namespace

absl::string_view ConsentName(Consent consent) { return kNames.Name(consent); }

std::optional<Consent> ParseConsent(absl::string_view name) {
  if (name.empty()) return Consent::kUnknown;
  return kNames.Parse(name);
}

}  // namespace tact
