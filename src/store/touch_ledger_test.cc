#include "store/touch_ledger.h"

#include <gtest/gtest.h>

#include "store/ledger_codec.h"

namespace tact {
namespace {

TEST(TouchLedgerTest, TouchIdsRoundTripAndOnlyTheMintedShapeParses) {
  for (uint64_t id : {uint64_t{0}, uint64_t{0x76634c5800000001}, ~uint64_t{0}}) {
    const std::string text = FormatTouchId(id);
    EXPECT_EQ(text.size(), 18u);
    EXPECT_EQ(ParseTouchId(text), id) << text;
  }
  EXPECT_EQ(FormatTouchId(0x76634c5800000001), "t_76634c5800000001");
  EXPECT_FALSE(ParseTouchId("t_76634C5800000001"));  // upper case is not minted
  EXPECT_FALSE(ParseTouchId("t_76634c580000000"));
  EXPECT_FALSE(ParseTouchId("x_76634c5800000001"));
  EXPECT_FALSE(ParseTouchId("t_0x6634c5800000001"));
  EXPECT_FALSE(ParseTouchId(""));
}

TEST(TouchLedgerTest, EntriesRoundTripAndTruncationIsRefused) {
  const LedgerEntry entry{"p-1",   "spring",      "shop.example.com", "weekly",
                          1234567, Channel::kSms, Kind::kCold,        0x21};
  const std::string bytes = EncodeLedgerEntry(entry);
  auto decoded = DecodeLedgerEntry(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->person_id, "p-1");
  EXPECT_EQ(decoded->campaign, "spring");
  EXPECT_EQ(decoded->domain, "shop.example.com");
  EXPECT_EQ(decoded->list, "weekly");
  EXPECT_EQ(decoded->minute, 1234567);
  EXPECT_EQ(decoded->channel, Channel::kSms);
  EXPECT_EQ(decoded->kind, Kind::kCold);
  EXPECT_EQ(decoded->outcomes, 0x21);
  EXPECT_FALSE(DecodeLedgerEntry(bytes.substr(0, bytes.size() - 1)).ok());
  EXPECT_FALSE(DecodeLedgerEntry(bytes + "x").ok());
  std::string bad_channel = bytes;
  bad_channel[4] = 42;
  EXPECT_FALSE(DecodeLedgerEntry(bad_channel).ok());

  // The text's fingerprint follows the strings, then where the touch came
  // from (team, sender, tool), each a 2-byte length and its bytes.
  LedgerEntry full = entry;
  full.fingerprint = 0x8877665544332211ull;
  full.team = "sales";
  full.sender = "ana@shop.example.com";
  full.tool = "outreach";
  const std::string full_bytes = EncodeLedgerEntry(full);
  auto decoded_full = DecodeLedgerEntry(full_bytes);
  ASSERT_TRUE(decoded_full.ok()) << decoded_full.status();
  EXPECT_EQ(decoded_full->fingerprint, 0x8877665544332211ull);
  EXPECT_EQ(decoded_full->team, "sales");
  EXPECT_EQ(decoded_full->sender, "ana@shop.example.com");
  EXPECT_EQ(decoded_full->tool, "outreach");
  EXPECT_EQ(decoded->fingerprint, 0u);
  EXPECT_FALSE(DecodeLedgerEntry(full_bytes.substr(0, full_bytes.size() - 3)).ok());

  // Older layouts still decode: without the sources (written before the
  // mirror), and without the fingerprint too (written before texts).
  const size_t sources = 3 * 2 + full.team.size() + full.sender.size() + full.tool.size();
  auto before_mirror = DecodeLedgerEntry(full_bytes.substr(0, full_bytes.size() - sources));
  ASSERT_TRUE(before_mirror.ok()) << before_mirror.status();
  EXPECT_EQ(before_mirror->fingerprint, 0x8877665544332211ull);
  EXPECT_EQ(before_mirror->team, "");
  auto before_texts = DecodeLedgerEntry(full_bytes.substr(0, full_bytes.size() - sources - 8));
  ASSERT_TRUE(before_texts.ok()) << before_texts.status();
  EXPECT_EQ(before_texts->fingerprint, 0u);
  EXPECT_EQ(before_texts->list, "weekly");
}

TEST(TouchLedgerTest, AnOutcomeIsWrittenOnceAndTheCallerSeesWhatWasBefore) {
  MemoryTouchLedger ledger;
  int writes = 0;
  ledger.SetWriteThrough([&](uint64_t, const LedgerEntry&) { ++writes; });
  ledger.Add(7, LedgerEntry{"p-1", "spring", "", "", 100, Channel::kEmail, Kind::kPromotional, 0});
  auto first = ledger.Mark(7, EventType::kComplained);
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(first->Has(EventType::kComplained));
  auto second = ledger.Mark(7, EventType::kComplained);
  EXPECT_TRUE(second->Has(EventType::kComplained));
  EXPECT_EQ(writes, 2);  // the add and the first complaint
  EXPECT_FALSE(ledger.Mark(8, EventType::kOpened).has_value());
  ledger.PruneBefore(101);
  EXPECT_EQ(ledger.Size(), 0u);
}

TEST(TouchLedgerTest, AddingKeepsTheLedgerWithinItsRetention) {
  MemoryTouchLedger ledger;
  LedgerEntry old_touch{"p-old", "", "", "", 0, Channel::kEmail, Kind::kPromotional, 0};
  for (uint64_t id = 0; id < 100000; ++id) ledger.Add(id, old_touch);
  LedgerEntry new_touch = old_touch;
  new_touch.minute = 1000;
  // ~4,700 adds per shard: each shard passes its 4,096th and drops the old.
  for (uint64_t id = 100000; id < 400000; ++id) ledger.Add(id, new_touch, /*oldest_kept=*/500);
  EXPECT_EQ(ledger.Size(), 300000u);
  EXPECT_FALSE(ledger.Get(5).has_value());
  EXPECT_TRUE(ledger.Get(100005).has_value());
}

}  // namespace
}  // namespace tact
