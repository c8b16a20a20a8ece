// Signed links to a person's preference page: whom a link is for and when
// it was minted, signed with the server's key (HMAC-SHA256, truncated to
// 128 bits) so that nobody reaches another person's page by editing one.
// Unlike an unsubscribe link, a preference link shows what the person chose
// and changes it, so it is honoured for kPreferenceLinkLifetime; every send
// carries a fresh one.
//
// The page's form carries a form token of its own, minted when the page is
// shown: a post must come from a page tact showed for the same link within
// kPreferenceFormLifetime (a forged cross-site form has none).
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace tact {

inline constexpr absl::Duration kPreferenceLinkLifetime = absl::Hours(24 * 60);
inline constexpr absl::Duration kPreferenceFormLifetime = absl::Hours(24);

struct PreferenceLink {
  std::string person_id;
  absl::Time minted;  // to the minute
};

// URL-safe base64 "payload.mac"; nullopt if the person id holds a NUL byte
// or `key` is empty.
std::optional<std::string> MintPreferenceToken(absl::string_view key, absl::string_view person_id,
                                               absl::Time now);

// The link a token this key minted stands for, however old; nullopt for
// anything else (and for every token when `key` is empty).
std::optional<PreferenceLink> ReadPreferenceToken(absl::string_view key, absl::string_view token);

// Whether `link` is still honoured at `now`.
inline bool PreferenceLinkCurrent(const PreferenceLink& link, absl::Time now) {
  return now - link.minted <= kPreferenceLinkLifetime;
}

// A form token for the page of `link_token` shown at `now`.
std::string MintPreferenceFormToken(absl::string_view key, absl::string_view link_token,
                                    absl::Time now);
// Whether `form_token` was minted for `link_token` by this key at most
// kPreferenceFormLifetime before `now` (and not after it).
bool PreferenceFormTokenValid(absl::string_view key, absl::string_view link_token,
                              absl::string_view form_token, absl::Time now);

}  // namespace tact
