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
    EXPECT_EQ(redis::SlotOf(HistoryKey(person)), slot);
    const uint64_t touch_id = TouchIdInSlot(slot, 0xabcdef0123456789ULL * (i + 1));
    EXPECT_EQ(SlotOfTouchId(touch_id), slot);
    EXPECT_EQ(redis::SlotOf(LedgerKey(touch_id)), slot);
  }
}

// The layout is frozen: nodes of two versions share a cluster.
TEST(RedisFormatTest, KeysAreSpelledAsTheFormatSays) {
  EXPECT_EQ(HistoryKey("p1"), absl::StrCat("{", TagOfSlot(redis::SlotOf("p1")), "}h:p1"));
  EXPECT_EQ(TagOfSlot(0), "3560");
  EXPECT_EQ(TagOfSlot(redis::SlotOf("7")), "7");
  EXPECT_EQ(LedgerKey(TouchIdInSlot(0, 0x1234)), "{3560}l:0000000000001234");
  EXPECT_EQ(LedgerKey(TouchIdInSlot(16383, 1)),
            absl::StrCat("{", TagOfSlot(16383), "}l:fffc000000000001"));
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
