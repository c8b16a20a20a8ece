#include "events/unsubscribe_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "events/providers/signatures.h"

namespace tact {
namespace {

constexpr size_t kMacBytes = 16;

std::string Mac(absl::string_view key, absl::string_view payload) {
  return HmacSha256(key, absl::StrCat("tact-unsubscribe-1", absl::string_view("\0", 1), payload))
      .substr(0, kMacBytes);
}

}  // namespace

std::optional<std::string> MintUnsubscribeToken(absl::string_view key,
                                                const UnsubscribeTarget& target) {
  if (target.person_id.find('\0') != std::string::npos) return std::nullopt;
  std::string payload(1, static_cast<char>(target.channel));
  absl::StrAppend(&payload, target.person_id, absl::string_view("\0", 1), target.list);
  return absl::StrCat(absl::WebSafeBase64Escape(payload), ".",
                      absl::WebSafeBase64Escape(Mac(key, payload)));
}

std::optional<UnsubscribeTarget> ReadUnsubscribeToken(absl::string_view key,
                                                      absl::string_view token) {
  const size_t dot = token.find('.');
  std::string payload, mac;
  if (key.empty() || dot == absl::string_view::npos || token.size() > 4096 ||
      !absl::WebSafeBase64Unescape(token.substr(0, dot), &payload) ||
      !absl::WebSafeBase64Unescape(token.substr(dot + 1), &mac) || mac.size() != kMacBytes ||
      payload.size() < 2) {
    return std::nullopt;
  }
  const std::string expected = Mac(key, payload);
  if (!ConstantTimeEquals(expected, mac)) return std::nullopt;
  // Only the encoding tact wrote: base64 has other spellings of the same
  // bytes (padding, unused low bits), and each would be another token.
  if (absl::StrCat(absl::WebSafeBase64Escape(payload), ".", absl::WebSafeBase64Escape(mac)) !=
      token) {
    return std::nullopt;
  }
  const size_t nul = payload.find('\0', 1);
  if (static_cast<uint8_t>(payload[0]) >= kChannelCount || nul == std::string::npos) {
    return std::nullopt;
  }
  UnsubscribeTarget target;
  target.channel = static_cast<Channel>(payload[0]);
  target.person_id = payload.substr(1, nul - 1);
  target.list = payload.substr(nul + 1);
  return target;
}

}  // namespace tact
