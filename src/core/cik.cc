#include "core/cik.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace tact {

std::string NormalizeCik(absl::string_view text) {
  if (absl::StartsWithIgnoreCase(text, "cik")) text.remove_prefix(3);
  if (text.empty() || text.size() > 10) return "";
  for (char c : text) {
    if (!absl::ascii_isdigit(c)) return "";
  }
  while (text.size() > 1 && text.front() == '0') text.remove_prefix(1);
  if (text == "0") return "";
  return std::string(text);
}

}  // namespace tact
