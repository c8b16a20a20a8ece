// The kind of a touch decides which rules it answers to (see [kinds] in the
// policy). Values are stored in person history: do not reorder.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/strings/string_view.h"

namespace tact {

enum class Kind : uint8_t { kTransactional, kRelationship, kPromotional, kCold };

inline constexpr int kKindCount = 4;
inline constexpr std::array<Kind, kKindCount> kAllKinds = {
    Kind::kTransactional, Kind::kRelationship, Kind::kPromotional, Kind::kCold};

// The wire name: "transactional", "relationship", "promotional", "cold".
absl::string_view KindName(Kind kind);

// Parses a wire name; nullopt for anything else (case-sensitive).
std::optional<Kind> ParseKind(absl::string_view name);

// The wire names joined by ", ", for error messages.
absl::string_view KindNamesList();

class KindSet {
 public:
  void Add(Kind kind) { bits_ |= Bit(kind); }
  bool Contains(Kind kind) const { return (bits_ & Bit(kind)) != 0; }
  bool Empty() const { return bits_ == 0; }

 private:
  static uint8_t Bit(Kind kind) { return uint8_t{1} << static_cast<int>(kind); }
  uint8_t bits_ = 0;
};

}  // namespace tact
