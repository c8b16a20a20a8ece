#include "content/fingerprint.h"

#include <gtest/gtest.h>

#include <string>

#include "content/text.h"

namespace tact {
namespace {

uint64_t Print(const std::string& text) { return SimHash(NormalizeText(text).masked); }

const std::string kInvitation =
    "Hi Anna,\n"
    "we are hosting a breakfast seminar on warehouse automation in Leeds on 12 March. Three "
    "logistics teams will show what changed after a year with autonomous forklifts, and you "
    "can ask them anything. Would you like me to save you a seat?\n"
    "Best regards, Ana";

TEST(FingerprintTest, CopiesOfATemplateWithOtherNamesAndNumbersAreTheSame) {
  const std::string for_bob =
      "Hi Bob Miller,\n"
      "we are hosting a breakfast seminar on warehouse automation in Bristol on 19 April. Three "
      "logistics teams will show what changed after a year with autonomous forklifts, and you "
      "can ask them anything. Would you like me to save you a seat?\n"
      "Best regards, Ana";
  EXPECT_EQ(Print(kInvitation), Print(for_bob));
  EXPECT_NE(Print(kInvitation), 0u);
}

TEST(FingerprintTest, ASmallEditIsAFewBitsAwayAndAnotherTextAboutHalf) {
  const std::string edited =
      "Hi Anna,\n"
      "we are hosting a breakfast seminar on warehouse automation in Leeds on 12 March. Three "
      "logistics teams will show what changed after a year with autonomous forklifts, and you "
      "can ask them anything. Shall I keep a seat for you?\n"
      "Best regards, Ana";
  const std::string other =
      "Hi Anna,\n"
      "thank you for the call yesterday. As promised, here is the pricing for the pilot with two "
      "depots, and the contract draft your legal team asked for. Let me know which clauses they "
      "would like to change.\n"
      "Best regards, Ana";
  const int small = HammingDistance(Print(kInvitation), Print(edited));
  const int large = HammingDistance(Print(kInvitation), Print(other));
  EXPECT_GT(small, 0);
  EXPECT_LE(small, 12);
  EXPECT_GE(large, 20);
}

TEST(FingerprintTest, NoWordsIsNoFingerprintAndMatchesNothing) {
  EXPECT_EQ(SimHash({}), 0u);
  EXPECT_FALSE(SameText(0, 0, 64));
  EXPECT_TRUE(SameText(0b1011, 0b0011, 1));
  EXPECT_FALSE(SameText(0b1011, 0b0001, 1));
}

}  // namespace
}  // namespace tact
