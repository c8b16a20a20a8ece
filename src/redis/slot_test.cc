#include "redis/slot.h"

#include <gtest/gtest.h>

namespace tact::redis {
namespace {

// The check value of CRC16/XModem, which the cluster specification's
// reference implementation also gives for "123456789".
TEST(Crc16Test, MatchesTheSpecificationsCheckValue) {
  EXPECT_EQ(Crc16("123456789"), 0x31C3);
  EXPECT_EQ(Crc16(""), 0);
}

TEST(SlotOfTest, HashesTheTagWhenThereIsOne) {
  EXPECT_EQ(SlotOf("{user1000}.following"), SlotOf("user1000"));
  EXPECT_EQ(SlotOf("{user1000}.followers"), SlotOf("{user1000}.following"));
  // Only the first '{' and the first '}' after it count.
  EXPECT_EQ(HashedPart("foo{bar}{zap}"), "bar");
  EXPECT_EQ(HashedPart("foo{{bar}}zap"), "{bar");
}

TEST(SlotOfTest, HashesTheWholeKeyWhenTheTagIsEmptyOrUnclosed) {
  EXPECT_EQ(HashedPart("foo{}{bar}"), "foo{}{bar}");
  EXPECT_EQ(HashedPart("foo{bar"), "foo{bar");
  EXPECT_EQ(HashedPart("}foo{"), "}foo{");
}

TEST(SlotOfTest, StaysWithinTheSlotRange) {
  // Slots of well-known keys, as CLUSTER KEYSLOT answers them.
  EXPECT_EQ(SlotOf("foo"), 12182);
  EXPECT_EQ(SlotOf("bar"), 5061);
  EXPECT_EQ(SlotOf("123456789"), 0x31C3 % kSlotCount);
}

}  // namespace
}  // namespace tact::redis
