// The wire names of an enum's values, written once: a table indexed by the
// value, from which the name of a value, the value of a name and the list an
// error message shows all come. Values must be 0..N-1 in order.
//
//   constexpr EnumNames<Kind, kKindCount> kKindNames({"transactional", ...});
//   kKindNames.Name(Kind::kCold);   // "cold"
//   kKindNames.Parse("cold");       // Kind::kCold; nullopt for an unknown name
//   kKindNames.List();              // "transactional, relationship, ..."
//
// Thread-safe: immutable once constructed.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>

#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace tact {

template <typename Enum, size_t N>
class EnumNames {
 public:
  constexpr explicit EnumNames(std::array<absl::string_view, N> names) : names_(names) {}

  constexpr absl::string_view Name(Enum value) const { return names_[static_cast<size_t>(value)]; }

  constexpr std::optional<Enum> Parse(absl::string_view name) const {
    for (size_t index = 0; index < N; ++index) {
      if (names_[index] == name) return static_cast<Enum>(index);
    }
    return std::nullopt;
  }

  // "a, b, c"
  std::string List() const { return absl::StrJoin(names_, ", "); }

 private:
  std::array<absl::string_view, N> names_;
};

}  // namespace tact
