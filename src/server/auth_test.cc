#include "server/auth.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"

namespace tact {
namespace {

TokenRegistry Tokens() {
  const std::string sha = absl::BytesToHexString(Sha256("tool-secret-0123456789"));
  auto tokens = TokenRegistry::FromString(
      "[[token]]\nname = \"hubspot\"\nsha256 = \"" + sha +
          "\"\nscopes = [\"decide\", \"events\"]\n\n"
          "[[token]]\nname = \"ops\"\nsecret = \"ops-secret-0123456789\"\nscopes = [\"admin\"]\n"
          "[[token]]\nname = \"lead\"\nsecret = \"lead-secret-0123456789\"\nscopes = "
          "[\"reports\"]\n",
      "tokens.toml");
  EXPECT_TRUE(tokens.ok()) << tokens.status().message();
  return *std::move(tokens);
}

TEST(AuthTest, Sha256MatchesTheStandardVector) {
  EXPECT_EQ(absl::BytesToHexString(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(AuthTest, BearerTokensGrantTheirScopesOnly) {
  const TokenRegistry tokens = Tokens();
  ApiError error;
  auto name = Authorize(tokens, "Bearer tool-secret-0123456789", TokenScope::kDecide, &error);
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, "hubspot");
  EXPECT_TRUE(Authorize(tokens, "Bearer ops-secret-0123456789", TokenScope::kAdmin, &error).ok());

  EXPECT_FALSE(Authorize(tokens, "Bearer tool-secret-0123456789", TokenScope::kAdmin, &error).ok());
  EXPECT_EQ(error.status, 403);
  EXPECT_EQ(error.message, "token 'hubspot' lacks the 'admin' scope this route needs");

  EXPECT_FALSE(Authorize(tokens, "", TokenScope::kDecide, &error).ok());
  EXPECT_EQ(error.status, 401);
  EXPECT_FALSE(Authorize(tokens, "Basic dXNlcjpwYXNz", TokenScope::kDecide, &error).ok());
  EXPECT_EQ(error.status, 401);
  EXPECT_FALSE(Authorize(tokens, "Bearer tool-secret-012345678", TokenScope::kDecide, &error).ok());
  EXPECT_EQ(error.status, 401);
  EXPECT_EQ(error.field, "Authorization");
}

TEST(AuthTest, ARouteOpensToAnyOfItsScopes) {
  const TokenRegistry tokens = Tokens();
  ApiError error;
  const ScopeSet readers = TokenScope::kReports | TokenScope::kAdmin;
  EXPECT_TRUE(Authorize(tokens, "Bearer lead-secret-0123456789", readers, &error).ok());
  EXPECT_TRUE(Authorize(tokens, "Bearer ops-secret-0123456789", readers, &error).ok());
  EXPECT_FALSE(Authorize(tokens, "Bearer tool-secret-0123456789", readers, &error).ok());
  EXPECT_EQ(error.status, 403);
  EXPECT_EQ(error.message, "token 'hubspot' lacks the 'admin' or 'reports' scope this route needs");
  EXPECT_FALSE(Authorize(tokens, "Bearer lead-secret-0123456789", TokenScope::kAdmin, &error).ok());
  EXPECT_EQ(error.status, 403);
  EXPECT_EQ(readers.Names(), "admin,reports");
  EXPECT_TRUE(ScopeSet(TokenScope::kNone).empty());
}

// Tools that cannot set a header put the token in the URL as Basic
// credentials: the password is the token, the user name anything.
TEST(AuthTest, BasicCredentialsCarryTheTokenAsThePassword) {
  const TokenRegistry tokens = Tokens();
  ApiError error;
  // base64("braze:tool-secret-0123456789")
  auto name = Authorize(
      tokens, "Basic YnJhemU6dG9vbC1zZWNyZXQtMDEyMzQ1Njc4OQ==", TokenScope::kDecide, &error);
  ASSERT_TRUE(name.ok()) << name.status();
  EXPECT_EQ(*name, "hubspot");
  // base64("tool-secret-0123456789"): no user name and colon.
  EXPECT_FALSE(
      Authorize(tokens, "Basic dG9vbC1zZWNyZXQtMDEyMzQ1Njc4OQ==", TokenScope::kDecide, &error)
          .ok());
  EXPECT_EQ(error.status, 401);
  EXPECT_FALSE(Authorize(tokens, "Basic !!!", TokenScope::kDecide, &error).ok());
  EXPECT_EQ(error.status, 401);
  EXPECT_FALSE(Authorize(tokens, "Basic YnJhemU6", TokenScope::kDecide, &error).ok());  // "braze:"
  EXPECT_EQ(error.status, 401);
}

TEST(AuthTest, FileProblemsAreLocatedAndAllReported) {
  auto tokens = TokenRegistry::FromString(
      "[[token]]\nname = \"a\"\nsecret = \"short\"\nscopes = [\"decide\", \"root\"]\n"
      "[[token]]\nname = \"a\"\nsha256 = \"abc\"\nscope = []\n",
      "tokens.toml");
  ASSERT_FALSE(tokens.ok());
  const std::string message(tokens.status().message());
  for (const char* expected :
       {"tokens.toml:3:10: token[0].secret: is shorter than 16 bytes",
        "token[0].scopes: must each be decide, events, admin or reports",
        "token[1].name: 'a' is used twice", "token[1].sha256: must be 64 hexadecimal digits",
        "token[1].scope: unknown key", "token[1].scopes: is required"}) {
    EXPECT_NE(message.find(expected), std::string::npos) << expected << "\n" << message;
  }
  EXPECT_FALSE(TokenRegistry::FromString("", "empty.toml").ok());
  EXPECT_FALSE(TokenRegistry::FromString("[[token]\n", "broken.toml").ok());
}

}  // namespace
}  // namespace tact
