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
// Scopes: `decide` (ask, and read what tools read), `events`, `admin`
// (change people, accounts and the policy), and `reports` (read every
// report, person and the policy; change nothing). Each route names the
// scopes that open it (server/routes.h).
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

enum class TokenScope : uint8_t { kNone, kDecide, kEvents, kAdmin, kReports };

// "decide", "events", "admin", "reports" ("" for kNone).
absl::string_view ScopeName(TokenScope scope);

// The scopes any one of which opens a route; empty: no token needed.
class ScopeSet {
 public:
  constexpr ScopeSet(TokenScope scope)  // NOLINT: a single scope is a set
      : bits_(scope == TokenScope::kNone ? 0 : Bit(scope)) {}
  constexpr ScopeSet operator|(TokenScope scope) const { return ScopeSet(bits_ | Bit(scope)); }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool Contains(TokenScope scope) const { return (bits_ & Bit(scope)) != 0; }
  constexpr uint8_t bits() const { return bits_; }
  // "decide", "decide,reports": as `tact serve --print-routes` lists them.
  std::string Names(absl::string_view separator = ",") const;

 private:
  constexpr explicit ScopeSet(uint8_t bits) : bits_(bits) {}
  static constexpr uint8_t Bit(TokenScope scope) {
    return static_cast<uint8_t>(1u << static_cast<int>(scope));
  }
  uint8_t bits_;
};
constexpr ScopeSet operator|(TokenScope left, TokenScope right) { return ScopeSet(left) | right; }

struct ApiToken {
  std::string name;
  uint8_t scopes = 0;  // bit per TokenScope, as ScopeSet
  bool Has(TokenScope scope) const { return (scopes & (1u << static_cast<int>(scope))) != 0; }
  bool HasAny(ScopeSet set) const { return (scopes & set.bits()) != 0; }
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

// Checks an Authorization header against `scopes` (any one of them will do).
// Returns the token's name, or a 401 (missing or unknown token) / 403 (the
// token has none of the scopes) error.
absl::StatusOr<std::string> Authorize(const TokenRegistry& tokens, absl::string_view authorization,
                                      ScopeSet scopes, ApiError* error);

// Raw SHA-256 of `data` (32 bytes).
std::string Sha256(absl::string_view data);

}  // namespace tact
