#include "events/preference_link.h"

#include <cstdint>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "events/providers/signatures.h"

namespace tact {
namespace {

constexpr size_t kMacBytes = 16;
constexpr char kVersion = 1;

std::string Mac(absl::string_view key, absl::string_view purpose, absl::string_view payload) {
  return HmacSha256(key, absl::StrCat(purpose, absl::string_view("\0", 1), payload))
      .substr(0, kMacBytes);
}

std::string BigEndian(uint32_t value) {
  return {static_cast<char>(value >> 24), static_cast<char>(value >> 16),
          static_cast<char>(value >> 8), static_cast<char>(value)};
}

uint32_t ReadBigEndian(absl::string_view bytes) {
  uint32_t value = 0;
  for (int index = 0; index < 4; ++index) {
    value = (value << 8) | static_cast<uint8_t>(bytes[index]);
  }
  return value;
}

}  // namespace

std::optional<std::string> MintPreferenceToken(absl::string_view key, absl::string_view person_id,
                                               absl::Time now) {
  if (key.empty() || person_id.find('\0') != absl::string_view::npos) return std::nullopt;
  const auto minute = static_cast<uint32_t>(absl::ToUnixSeconds(now) / 60);
  const std::string payload = absl::StrCat(std::string(1, kVersion), BigEndian(minute), person_id);
  return absl::StrCat(absl::WebSafeBase64Escape(payload), ".",
                      absl::WebSafeBase64Escape(Mac(key, "tact-preferences-1", payload)));
}

std::optional<PreferenceLink> ReadPreferenceToken(absl::string_view key, absl::string_view token) {
  const size_t dot = token.find('.');
  std::string payload, mac;
  if (key.empty() || dot == absl::string_view::npos || token.size() > 4096 ||
      !absl::WebSafeBase64Unescape(token.substr(0, dot), &payload) ||
      !absl::WebSafeBase64Unescape(token.substr(dot + 1), &mac) || mac.size() != kMacBytes ||
      payload.size() < 6 || payload[0] != kVersion) {
    return std::nullopt;
  }
  if (!ConstantTimeEquals(Mac(key, "tact-preferences-1", payload), mac)) return std::nullopt;
  // Only the spelling tact wrote: base64 has others for the same bytes.
  if (absl::StrCat(absl::WebSafeBase64Escape(payload), ".", absl::WebSafeBase64Escape(mac)) !=
      token) {
    return std::nullopt;
  }
  PreferenceLink link;
  link.minted = absl::FromUnixSeconds(int64_t{ReadBigEndian(payload.substr(1, 4))} * 60);
  link.person_id = payload.substr(5);
  return link;
}

std::string MintPreferenceFormToken(absl::string_view key, absl::string_view link_token,
                                    absl::Time now) {
  const std::string minute = absl::StrCat(absl::ToUnixSeconds(now) / 60);
  return absl::StrCat(
      minute, ".",
      absl::WebSafeBase64Escape(Mac(key, "tact-preference-form-1",
                                    absl::StrCat(minute, absl::string_view("\0", 1), link_token))));
}

bool PreferenceFormTokenValid(absl::string_view key, absl::string_view link_token,
                              absl::string_view form_token, absl::Time now) {
  const size_t dot = form_token.find('.');
  int64_t minute = 0;
  if (key.empty() || dot == absl::string_view::npos ||
      !absl::SimpleAtoi(form_token.substr(0, dot), &minute)) {
    return false;
  }
  const absl::Time shown = absl::FromUnixSeconds(minute * 60);
  if (shown > now || now - shown > kPreferenceFormLifetime) return false;
  return ConstantTimeEquals(MintPreferenceFormToken(key, link_token, shown), form_token);
}

}  // namespace tact
