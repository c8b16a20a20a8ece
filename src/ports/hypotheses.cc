#include "ports/hypotheses.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace tact {

std::string HypothesisIdText(uint64_t id) {
  return absl::StrCat("hy_", absl::Hex(id, absl::kZeroPad16));
}

std::optional<uint64_t> ParseHypothesisId(absl::string_view text) {
  uint64_t value = 0;
  if (!absl::ConsumePrefix(&text, "hy_") || text.size() != 16 ||
      text.find_first_not_of("0123456789abcdef") != absl::string_view::npos ||
      !absl::SimpleHexAtoi(text, &value) || value == 0) {
    return std::nullopt;
  }
  return value;
}

}  // namespace tact
