#include "redis_state/slot_tags.h"

#include <array>
#include <string>

#include "absl/strings/str_cat.h"
#include "redis/slot.h"

namespace tact {
namespace {

// The decimal numbers 0, 1, 2, ... in order; each slot's tag is the first
// number that hashes to it (the largest is a six-digit number).
const std::array<std::string, redis::kSlotCount>& Tags() {
  static const auto* const tags = [] {
    auto* table = new std::array<std::string, redis::kSlotCount>();
    int filled = 0;
    for (int64_t n = 0; filled < redis::kSlotCount; ++n) {
      std::string tag = absl::StrCat(n);
      std::string& entry = (*table)[redis::SlotOf(tag)];
      if (entry.empty()) {
        entry = std::move(tag);
        ++filled;
      }
    }
    return table;
  }();
  return *tags;
}

}  // namespace

absl::string_view TagOfSlot(int slot) { return Tags()[slot]; }

int PersonSlot(absl::string_view person_id) { return redis::SlotOf(person_id); }

}  // namespace tact
