#include "mail/sender_map.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

constexpr char kSenders[] = R"(
[[sender]]
sasl_user = "ana"
team = "sales-emea"
kind = "cold"

[[sender]]
address = "Bo@Acme.example"
sender = "bo"
team = "success"
on_defer = "hold"
tool = "outlook"
campaign = "renewals"

[[sender]]
domain = "acme.example"
team = "everyone"
)";

TEST(SenderMapTest, ASaslUserWinsOverAnAddressAndAnAddressOverADomain) {
  absl::StatusOr<SenderMap> map = SenderMap::Parse(kSenders, "senders.toml");
  ASSERT_TRUE(map.ok()) << map.status();
  std::optional<MailSender> ana = map->Match("ana", "bo@acme.example");
  ASSERT_TRUE(ana);
  EXPECT_EQ(ana->team, "sales-emea");
  EXPECT_EQ(ana->sender, "ana");  // the entry names none: the SASL user
  EXPECT_EQ(ana->kind, "cold");
  EXPECT_EQ(ana->tool, "mail");
  std::optional<MailSender> bo = map->Match("", "BO@acme.example");
  ASSERT_TRUE(bo);
  EXPECT_EQ(bo->sender, "bo");
  EXPECT_EQ(bo->campaign, "renewals");
  EXPECT_EQ(bo->kind, "relationship");
  EXPECT_EQ(bo->on_defer, OnDefer::kHold);
  EXPECT_EQ(ana->on_defer, OnDefer::kTempfail);
  std::optional<MailSender> cy = map->Match("", "cy@acme.example");
  ASSERT_TRUE(cy);
  EXPECT_EQ(cy->team, "everyone");
  EXPECT_EQ(cy->sender, "cy@acme.example");  // the address, without a SASL user
}

TEST(SenderMapTest, UnlistedMailPassesUnlessTheFileAsksAboutIt) {
  absl::StatusOr<SenderMap> passing = SenderMap::Parse(kSenders, "senders.toml");
  ASSERT_TRUE(passing.ok());
  EXPECT_FALSE(passing->Match("", "someone@other.example"));
  absl::StatusOr<SenderMap> asking = SenderMap::Parse(
      "[unlisted]\naction = \"ask\"\nteam = \"unlisted\"\nkind = \"promotional\"\n", "s.toml");
  ASSERT_TRUE(asking.ok()) << asking.status();
  std::optional<MailSender> other = asking->Match("", "someone@other.example");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->team, "unlisted");
  EXPECT_EQ(other->kind, "promotional");
}

TEST(SenderMapTest, MistakesAreNamedWithTheirLine) {
  const auto error = [](const char* text) {
    absl::StatusOr<SenderMap> map = SenderMap::Parse(text, "senders.toml");
    EXPECT_FALSE(map.ok());
    return std::string(map.status().message());
  };
  EXPECT_NE(error("[[sender]]\nsasl_user = \"a\"\nkind = \"spam\"\n").find("senders.toml:3"),
            std::string::npos);
  EXPECT_NE(error("[[sender]]\nsasl_user = \"a\"\nkind = \"spam\"\n").find("kind: must be one of"),
            std::string::npos);
  EXPECT_NE(error("[[sender]]\nteam = \"a\"\n").find("exactly one of sasl_user, address or domain"),
            std::string::npos);
  EXPECT_NE(error("[[sender]]\nsasl_user = \"a\"\ndomain = \"b\"\n").find("exactly one"),
            std::string::npos);
  EXPECT_NE(error("[[sender]]\naddress = \"not an address\"\n").find("is not an email address"),
            std::string::npos);
  EXPECT_NE(error("[[sender]]\nsasl_user = \"a\"\n[[sender]]\nsasl_user = \"A\"\n")
                .find("named by an earlier entry"),
            std::string::npos);
  EXPECT_NE(error("[[sender]]\nsasl_user = \"a\"\non_defer = \"later\"\n").find("on_defer"),
            std::string::npos);
  EXPECT_NE(error("[[sender]]\nsasl_user = \"a\"\nteem = \"x\"\n").find("teem"), std::string::npos);
  EXPECT_NE(error("[unlisted]\naction = \"drop\"\n").find("unlisted.action"), std::string::npos);
  EXPECT_NE(error("[[sender]\n").find("senders.toml:1"), std::string::npos);
}

}  // namespace
}  // namespace tact
