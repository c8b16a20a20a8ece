#include "ports/touch_ledger.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace tact {

std::optional<uint64_t> ParseTouchId(absl::string_view text) {
  uint64_t value = 0;
  if (!absl::ConsumePrefix(&text, "t_") || text.size() != 16 ||
      text.find_first_not_of("0123456789abcdef") != absl::string_view::npos ||
      !absl::SimpleHexAtoi(text, &value)) {
    return std::nullopt;
  }
  return value;
}

std::string FormatTouchId(uint64_t id) {
  return absl::StrCat("t_", absl::Hex(id, absl::kZeroPad16));
}

}  // namespace tact
