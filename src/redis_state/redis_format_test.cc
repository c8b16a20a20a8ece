#include "redis_state/redis_format.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "redis/slot.h"
#include "redis_state/slot_tags.h"

namespace tact::redis_format {
namespace {

TEST(SlotTagsTest, EverySlotsTagHashesToIt) {
  for (int slot = 0; slot < redis::kSlotCount; ++slot) {
    ASSERT_EQ(redis::SlotOf(TagOfSlot(slot)), slot);
    ASSERT_LE(TagOfSlot(slot).size(), 6u);
  }
}

TEST(RedisFormatTest, APersonsKeysAndTheirTouchesLedgerEntriesShareTheirSlot) {
  for (int i = 0; i < 1000; ++i) {
    const std::string person = absl::StrCat("person-", i, "@example.com");
    const int slot = PersonSlot(person);
    EXPECT_EQ(redis::SlotOf(RecordsKey(person)), slot);
    const uint64_t touch_id = TouchIdInSlot(slot, 0xabcdef0123456789ULL * (i + 1));
    EXPECT_EQ(SlotOfTouchId(touch_id), slot);
    EXPECT_EQ(redis::SlotOf(LedgerKey(touch_id)), slot);
    EXPECT_EQ(
        TouchIdOfLedgerEntry(slot, LedgerKey(touch_id).substr(LedgerKey(touch_id).find(':') + 1),
                             LedgerField(touch_id)),
        touch_id);
  }
}

TEST(RedisFormatTest, TouchIdsOfABucketShareItsKey) {
  const uint64_t first = TouchIdInSlot(5, uint64_t{7} << kLedgerEntryBits);
  EXPECT_EQ(LedgerKey(first), LedgerKey(first + (1 << kLedgerEntryBits) - 1));
  EXPECT_NE(LedgerKey(first), LedgerKey(first + (1 << kLedgerEntryBits)));
  EXPECT_NE(LedgerField(first), LedgerField(first + 1));
}

TEST(RedisFormatTest, ALedgerEntryOfAnotherLayoutHasNoTouchId) {
  EXPECT_EQ(TouchIdOfLedgerEntry(5, "", "1"), 0u);
  EXPECT_EQ(TouchIdOfLedgerEntry(5, "zz", "1"), 0u);
  EXPECT_EQ(TouchIdOfLedgerEntry(5, "1", "x"), 0u);
  EXPECT_EQ(TouchIdOfLedgerEntry(5, "1", "1048576"), 0u);   // 2^20: beyond the entry bits
  EXPECT_EQ(TouchIdOfLedgerEntry(5, "40000000", "1"), 0u);  // 2^30: beyond the bucket bits
  EXPECT_EQ(TouchIdOfLedgerEntry(16384, "1", "1"), 0u);
}

// The layout is frozen: nodes of two versions share a cluster.
TEST(RedisFormatTest, KeysAreSpelledAsTheFormatSays) {
  EXPECT_EQ(RecordsKey("p1"), absl::StrCat("{", TagOfSlot(redis::SlotOf("p1")), "}H"));
  EXPECT_EQ(TagOfSlot(0), "3560");
  EXPECT_EQ(TagOfSlot(redis::SlotOf("7")), "7");
  EXPECT_EQ(LedgerKey(TouchIdInSlot(0, 0x1234)), "{3560}L:0");
  EXPECT_EQ(LedgerField(TouchIdInSlot(0, 0x1234)), "4660");
  EXPECT_EQ(LedgerKey(TouchIdInSlot(16383, 0xabc00005)),
            absl::StrCat("{", TagOfSlot(16383), "}L:abc"));
  EXPECT_EQ(LedgerField(TouchIdInSlot(16383, 0xabc00005)), "5");
  EXPECT_EQ(std::string(kFormatKey), "{tact}format");
}

TEST(RedisFormatTest, ARecordIsItsVersionThenItsHistory) {
  const std::string record = MakeRecord(258, "history");
  EXPECT_EQ(record.size(), 8u + 7u);
  EXPECT_EQ(record.substr(0, 8), std::string("\0\0\0\0\0\0\x01\x02", 8));
  EXPECT_EQ(RecordVersion(record), 258u);
  EXPECT_EQ(RecordHistory(record), "history");
  EXPECT_EQ(RecordVersion(""), 0u);
}

}  // namespace
}  // namespace tact::redis_format
