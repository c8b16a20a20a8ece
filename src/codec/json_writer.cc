#include "codec/json_writer.h"

#include <cstdint>

#include "codec/record_reader.h"

namespace tact {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// The high bit of each byte of `word` that is zero (exact: no false positives).
uint64_t ZeroBytes(uint64_t word) {
  return ~(((word & ~kHighBits) + ~kHighBits) | word) & kHighBits;
}

bool IsPlainByte(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

}  // namespace

bool IsPlainJsonText(absl::string_view text) {
  const char* at = text.data();
  const char* const end = at + text.size();
  // Eight bytes at a time: a byte is not plain when its high bit is set, when
  // it is below 0x20 (its top three bits are zero), or when it is '"' or '\\'.
  for (; end - at >= 8; at += 8) {
    uint64_t word;
    std::memcpy(&word, at, sizeof(word));
    const uint64_t control = ZeroBytes(word & (0xE0 * kOnes));
    const uint64_t quote = ZeroBytes(word ^ ('"' * kOnes));
    const uint64_t backslash = ZeroBytes(word ^ ('\\' * kOnes));
    if (((word & kHighBits) | control | quote | backslash) != 0) return false;
  }
  for (; at < end; ++at) {
    if (!IsPlainByte(static_cast<unsigned char>(*at))) return false;
  }
  return true;
}

void WriteString(JsonWriter& writer, absl::string_view text) {
  if (IsPlainJsonText(text)) {
    writer.PlainString(text);
    return;
  }
  if (IsValidUtf8(text)) {
    writer.Base::String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    return;
  }
  const std::string valid = ToValidUtf8(text);
  writer.Base::String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
}

}  // namespace tact
