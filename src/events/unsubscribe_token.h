// RFC 8058 one-click unsubscribe tokens: whom a link unsubscribes, from
// which channel and list, signed with the server's key (HMAC-SHA256,
// truncated to 128 bits) so nobody can unsubscribe someone else by editing a
// link. Tokens carry no expiry: a link in an old email must still work.
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "core/channel.h"

namespace tact {

struct UnsubscribeTarget {
  std::string person_id;
  Channel channel = Channel::kEmail;
  std::string list;  // empty: the whole channel
};

// URL-safe base64 "payload.mac"; nullopt if the person id holds a NUL byte.
std::optional<std::string> MintUnsubscribeToken(absl::string_view key,
                                                const UnsubscribeTarget& target);

// The target of a token this key minted; nullopt for anything else (and
// for every token when `key` is empty).
std::optional<UnsubscribeTarget> ReadUnsubscribeToken(absl::string_view key,
                                                      absl::string_view token);

}  // namespace tact
