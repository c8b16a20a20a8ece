// SEC's Central Index Key, the number EDGAR files a company under.
#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace tact {

// "CIK0000320193", "0000320193" or "320193" -> "320193" (digits, no leading
// zeros); "" when `text` is not a CIK (1 to 10 digits, "CIK" before them
// optional, any case).
std::string NormalizeCik(absl::string_view text);

}  // namespace tact
