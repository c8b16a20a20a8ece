#include "core/kind.h"

#include "absl/strings/string_view.h"

namespace tact {
namespace {
constexpr std::array<absl::string_view, kKindCount> kNames = {"transactional", "relationship",
                                                              "promotional", "cold"};
}  // namespace

absl::string_view KindName(Kind kind) { return kNames[static_cast<int>(kind)]; }

std::optional<Kind> ParseKind(absl::string_view name) {
  for (int index = 0; index < kKindCount; ++index) {
    if (kNames[index] == name) return static_cast<Kind>(index);
  }
  return std::nullopt;
}

absl::string_view KindNamesList() { return "transactional, relationship, promotional, cold"; }

}  // namespace tact
