// Cutting UTF-8 text to a byte budget without splitting a character.
#pragma once

#include <cstddef>

#include "absl/strings/string_view.h"

namespace tact {

// The longest prefix of `text` of at most `max_bytes` bytes that does not end
// inside a character: `text` itself when it fits.
inline absl::string_view Utf8Prefix(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace tact
