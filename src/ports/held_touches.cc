#include "ports/held_touches.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "ports/touch_ledger.h"

namespace tact {
namespace {

constexpr std::array<absl::string_view, kHeldStateCount> kHeldStateNames = {
    "held", "calling", "delivered", "dead", "cancelled"};

}  // namespace

absl::string_view HeldStateName(HeldState state) {
  return kHeldStateNames[static_cast<size_t>(state)];
}

std::optional<HeldState> ParseHeldState(absl::string_view name) {
  for (size_t i = 0; i < kHeldStateNames.size(); ++i) {
    if (kHeldStateNames[i] == name) return static_cast<HeldState>(i);
  }
  return std::nullopt;
}

std::string HeldIdText(uint64_t id) { return absl::StrCat("h_", absl::Hex(id, absl::kZeroPad16)); }

std::optional<uint64_t> ParseHeldId(absl::string_view text) {
  // The same 16 hex digits as the touch id it is recorded under.
  if (!absl::ConsumePrefix(&text, "h_")) return std::nullopt;
  return ParseTouchId(absl::StrCat("t_", text));
}

}  // namespace tact
