#include "server/auth.h"

#include <openssl/evp.h>
#include <toml++/toml.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "core/enum_names.h"
#include "files/read_file.h"
#include "policy/toml_validator.h"

namespace tact {
namespace {

constexpr size_t kMinSecretBytes = 16;

constexpr EnumNames<TokenScope, 5> kScopeNames({"", "decide", "events", "admin", "reports"});

// A scope a token file may grant (never kNone).
std::optional<TokenScope> ParseScope(std::string_view name) {
  if (name.empty()) return std::nullopt;
  return kScopeNames.Parse(absl::string_view(name.data(), name.size()));
}

std::string Where(absl::string_view source, const toml::source_region& region) {
  return absl::StrCat(source, ":", region.begin.line, ":", region.begin.column);
}

}  // namespace

absl::string_view ScopeName(TokenScope scope) { return kScopeNames.Name(scope); }

std::string ScopeSet::Names(absl::string_view separator) const {
  std::vector<absl::string_view> names;
  for (TokenScope scope :
       {TokenScope::kDecide, TokenScope::kEvents, TokenScope::kAdmin, TokenScope::kReports}) {
    if (Contains(scope)) names.push_back(ScopeName(scope));
  }
  return absl::StrJoin(names, separator);
}

std::string Sha256(absl::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

absl::StatusOr<TokenRegistry> TokenRegistry::LoadFile(const std::string& path) {
  const auto text = ReadWholeFile(path);
  if (!text) return absl::NotFoundError(absl::StrCat(path, ": cannot read the tokens file"));
  return FromString(*text, path);
}

absl::StatusOr<TokenRegistry> TokenRegistry::FromString(absl::string_view text,
                                                        absl::string_view source_name) {
  auto parsed = ParseToml(text, source_name);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  std::vector<std::string> problems;
  TokenRegistry registry;
  absl::flat_hash_map<std::string, int> names;
  for (const auto& [key, node] : root) {
    if (key != "token") {
      problems.push_back(absl::StrCat(Where(source_name, node.source()), ": ", Absl(key.str()),
                                      ": unknown key; the file holds [[token]] tables"));
    }
  }
  const toml::array* tokens = root["token"].as_array();
  if (tokens == nullptr || tokens->empty()) {
    problems.push_back(absl::StrCat(source_name, ": no [[token]] tables"));
  }
  int index = 0;
  const toml::array no_tokens;
  for (const toml::node& node : tokens ? *tokens : no_tokens) {
    const std::string path = absl::StrCat("token[", index++, "]");
    const toml::table* table = node.as_table();
    if (table == nullptr) {
      problems.push_back(
          absl::StrCat(Where(source_name, node.source()), ": ", path, ": must be a table"));
      continue;
    }
    auto problem = [&](const toml::node& at, absl::string_view key, absl::string_view what) {
      problems.push_back(
          absl::StrCat(Where(source_name, at.source()), ": ", path, ".", key, ": ", what));
    };
    for (const auto& [key, value] : *table) {
      if (key != "name" && key != "sha256" && key != "secret" && key != "scopes")
        problem(value, Absl(key.str()), "unknown key; use name, sha256 or secret, scopes");
    }
    ApiToken token;
    const auto name = (*table)["name"].value<std::string>();
    if (!name || name->empty()) {
      problem(*table, "name", "is required (a label for logs)");
    } else if (++names[*name] > 1) {
      problem(*table->get("name"), "name", absl::StrCat("'", *name, "' is used twice"));
    } else {
      token.name = *name;
    }
    std::string hash;
    const auto secret = (*table)["secret"].value<std::string>();
    const auto sha = (*table)["sha256"].value<std::string>();
    if (secret.has_value() == sha.has_value()) {
      problem(*table, "secret", "give exactly one of secret and sha256");
    } else if (secret) {
      if (secret->size() < kMinSecretBytes) {
        problem(*table->get("secret"), "secret",
                absl::StrCat("is shorter than ", kMinSecretBytes, " bytes"));
      }
      hash = Sha256(*secret);
    } else {
      std::string bytes;
      if (sha->size() != 64 || !absl::c_all_of(*sha, absl::ascii_isxdigit)) {
        problem(*table->get("sha256"), "sha256", "must be 64 hexadecimal digits");
      } else {
        hash = absl::HexStringToBytes(*sha);
      }
    }
    const toml::array* scopes = (*table)["scopes"].as_array();
    if (scopes == nullptr || scopes->empty()) {
      problem(*table, "scopes", "is required: a list of decide, events, admin, reports");
    } else {
      for (const toml::node& scope_node : *scopes) {
        const auto scope = ParseScope(scope_node.value<std::string>().value_or(""));
        if (!scope) {
          problem(scope_node, "scopes", "must each be decide, events, admin or reports");
          continue;
        }
        token.scopes |= 1u << static_cast<int>(*scope);
      }
    }
    if (!hash.empty() && registry.by_hash_.contains(hash)) {
      problem(*table, "secret", "the same secret is given to two tokens");
    } else if (!hash.empty()) {
      registry.by_hash_.emplace(std::move(hash), std::move(token));
    }
  }
  if (!problems.empty()) return absl::InvalidArgumentError(absl::StrJoin(problems, "\n"));
  return registry;
}

const ApiToken* TokenRegistry::Find(absl::string_view secret) const {
  const auto found = by_hash_.find(Sha256(secret));
  return found == by_hash_.end() ? nullptr : &found->second;
}

absl::StatusOr<std::string> Authorize(const TokenRegistry& tokens, absl::string_view authorization,
                                      ScopeSet scopes, ApiError* error) {
  absl::string_view secret = authorization;
  std::string decoded;
  // Basic: the token is the password (any user name); tools that cannot set
  // a header put it in the URL (https://tact:TOKEN@host/…).
  if (absl::ConsumePrefix(&secret, "Basic ")) {
    if (!absl::Base64Unescape(absl::StripAsciiWhitespace(secret), &decoded) ||
        decoded.find(':') == std::string::npos) {
      *error = {401, "unauthorized", "the Basic credentials are not base64 of 'name:token'",
                "Authorization"};
      return absl::UnauthenticatedError(error->message);
    }
    secret = absl::string_view(decoded).substr(decoded.find(':') + 1);
  } else if (!absl::ConsumePrefix(&secret, "Bearer ")) {
    secret = {};
  }
  if (secret.empty()) {
    *error = {401, "unauthorized",
              "this route needs a token: send 'Authorization: Bearer <token>' (or Basic with the "
              "token as the password)",
              "Authorization"};
    return absl::UnauthenticatedError(error->message);
  }
  const ApiToken* token = tokens.Find(absl::StripAsciiWhitespace(secret));
  if (token == nullptr) {
    *error = {401, "unauthorized", "the token is not one of the configured tokens",
              "Authorization"};
    return absl::UnauthenticatedError(error->message);
  }
  if (!token->HasAny(scopes)) {
    *error = {403, "forbidden",
              absl::StrCat("token '", token->name, "' lacks the '", scopes.Names("' or '"),
                           "' scope this route needs"),
              "Authorization"};
    return absl::PermissionDeniedError(error->message);
  }
  return token->name;
}

}  // namespace tact
