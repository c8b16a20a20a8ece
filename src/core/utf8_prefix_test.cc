#include "core/utf8_prefix.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

TEST(Utf8PrefixTest, ACutNeverSplitsACharacter) {
  EXPECT_EQ(Utf8Prefix("short", 10), "short");
  EXPECT_EQ(Utf8Prefix("abcdef", 3), "abc");
  // "Grüße": 'ü' and 'ß' are two bytes each.
  const absl::string_view word =
      "Gr\xC3\xBC\xC3\x9F"
      "e";
  EXPECT_EQ(Utf8Prefix(word, 3), "Gr");
  EXPECT_EQ(Utf8Prefix(word, 4), "Gr\xC3\xBC");
  EXPECT_EQ(Utf8Prefix(word, 5), "Gr\xC3\xBC");
  EXPECT_EQ(Utf8Prefix("\xE2\x80\x94", 2), "");
}

}  // namespace
}  // namespace tact
