// API tokens: who may call which routes. Tokens come from a TOML file:
//
//   [[token]]
//   name = "hubspot"                 # shown in logs, never the secret
//   sha256 = "9f86d081884c7d65…"     # hex SHA-256 of the secret (preferred)
//   scopes = ["decide", "events"]
//
//   [[token]]
//   name = "ops"
//   secret = "a-long-random-string"  # or the secret itself, at least 16 bytes
//   scopes = ["admin"]
//
// Callers send "Authorization: Bearer <secret>". Only hashes are kept in
// memory, and lookups compare hashes, so timing reveals nothing of a secret.
//
// Thread safety: a loaded TokenRegistry is immutable.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "server/api_error.h"

namespace tact {

enum class TokenScope : uint8_t { kNone, kDecide, kEvents, kAdmin };

// "decide", "events", "admin" ("" for kNone).
absl::string_view ScopeName(TokenScope scope);

struct ApiToken {
  std::string name;
  uint8_t scopes = 0;  // bit per Scope
  bool Has(TokenScope scope) const { return (scopes & (1u << static_cast<int>(scope))) != 0; }
};

class TokenRegistry {
 public:
  // Errors: NotFound when the file cannot be read; InvalidArgument listing
  // every problem as "FILE:LINE:COLUMN: token[N].KEY: problem".
  static absl::StatusOr<TokenRegistry> LoadFile(const std::string& path);
  static absl::StatusOr<TokenRegistry> FromString(absl::string_view text,
                                                  absl::string_view source_name);

  // The token whose secret is `secret`, or nullptr.
  const ApiToken* Find(absl::string_view secret) const;
  size_t size() const { return by_hash_.size(); }

 private:
  absl::flat_hash_map<std::string, ApiToken> by_hash_;  // raw 32-byte SHA-256 -> token
};

// Checks an Authorization header against `scope`. Returns the token's name,
// or a 401 (missing or unknown token) / 403 (token lacks the scope) error.
absl::StatusOr<std::string> Authorize(const TokenRegistry& tokens, absl::string_view authorization,
                                      TokenScope scope, ApiError* error);

// Raw SHA-256 of `data` (32 bytes).
std::string Sha256(absl::string_view data);

}  // namespace tact
