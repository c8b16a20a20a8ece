#include "events/preference_link.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

constexpr char kKey[] = "a-key-of-at-least-thirty-two-bytes!";
const absl::Time kNow = absl::FromUnixSeconds(1'800'000'030);

TEST(PreferenceLinkTest, ReadsWhatItMintedToTheMinute) {
  const std::optional<std::string> token = MintPreferenceToken(kKey, "ana@acme.example", kNow);
  ASSERT_TRUE(token.has_value());
  const std::optional<PreferenceLink> link = ReadPreferenceToken(kKey, *token);
  ASSERT_TRUE(link.has_value());
  EXPECT_EQ(link->person_id, "ana@acme.example");
  EXPECT_EQ(link->minted, absl::FromUnixSeconds(1'800'000'000 - 1'800'000'000 % 60));
}

TEST(PreferenceLinkTest, RefusesEditedForeignAndMalformedTokens) {
  const std::string token = *MintPreferenceToken(kKey, "ana", kNow);
  std::string edited = token;
  edited[2] = edited[2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(ReadPreferenceToken(kKey, edited).has_value());
  EXPECT_FALSE(ReadPreferenceToken("another-key-of-thirty-two-bytes!!", token).has_value());
  EXPECT_FALSE(ReadPreferenceToken("", token).has_value());
  EXPECT_FALSE(ReadPreferenceToken(kKey, token + "=").has_value());
  EXPECT_FALSE(ReadPreferenceToken(kKey, "no-dot").has_value());
  EXPECT_FALSE(MintPreferenceToken(kKey, std::string("a\0b", 3), kNow).has_value());
  EXPECT_FALSE(MintPreferenceToken("", "ana", kNow).has_value());
}

TEST(PreferenceLinkTest, IsHonouredForItsLifetimeOnly) {
  const PreferenceLink link = *ReadPreferenceToken(kKey, *MintPreferenceToken(kKey, "ana", kNow));
  EXPECT_TRUE(PreferenceLinkCurrent(link, link.minted + kPreferenceLinkLifetime));
  EXPECT_FALSE(
      PreferenceLinkCurrent(link, link.minted + kPreferenceLinkLifetime + absl::Minutes(1)));
}

TEST(PreferenceLinkTest, AFormTokenHoldsForItsLinkAndADay) {
  const std::string link = *MintPreferenceToken(kKey, "ana", kNow);
  const std::string other = *MintPreferenceToken(kKey, "bo", kNow);
  const std::string form = MintPreferenceFormToken(kKey, link, kNow);
  EXPECT_TRUE(PreferenceFormTokenValid(kKey, link, form, kNow + absl::Hours(23)));
  EXPECT_FALSE(PreferenceFormTokenValid(kKey, link, form, kNow + absl::Hours(25)));
  EXPECT_FALSE(PreferenceFormTokenValid(kKey, link, form, kNow - absl::Hours(1)));
  EXPECT_FALSE(PreferenceFormTokenValid(kKey, other, form, kNow));
  EXPECT_FALSE(PreferenceFormTokenValid(kKey, link, "", kNow));
  EXPECT_FALSE(PreferenceFormTokenValid(kKey, link, "1." + form.substr(form.find('.') + 1), kNow));
}

}  // namespace
}  // namespace tact
