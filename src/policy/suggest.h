// "Did you mean …?" for unknown keys and names.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"

namespace tact {

// The candidate closest to `word` by edit distance, if it is close enough to
// be a likely typo (at most a third of the word's length, and at least 2);
// otherwise the empty string.
std::string NearestWord(absl::string_view word, std::span<const absl::string_view> candidates);

}  // namespace tact
