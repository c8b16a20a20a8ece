#include "core/kind.h"

#include "core/enum_names.h"

namespace tact {
namespace {
constexpr EnumNames<Kind, kKindCount> kNames({"transactional", "relationship", "promotional",
                                              "cold"});
}  // namespace

absl::string_view KindName(Kind kind) { return kNames.Name(kind); }

std::optional<Kind> ParseKind(absl::string_view name) { return kNames.Parse(name); }

absl::string_view KindNamesList() {
  static const std::string* const list = new std::string(kNames.List());
  return *list;
}

}  // namespace tact
