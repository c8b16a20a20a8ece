#include "redis_state/ledger_value.h"

#include <gtest/gtest.h>

#include <string>

#include "store/ledger_codec.h"

namespace tact {
namespace {

LedgerEntry Full() {
  LedgerEntry entry;
  entry.person_id = "p-0298322";
  entry.campaign = "spring";
  entry.list = "news";
  entry.minute = 29'000'000;
  entry.channel = Channel::kSms;
  entry.kind = Kind::kCold;
  entry.outcomes = 0b1010;
  entry.team = "growth";
  entry.sender = "ana@mail.example.com";
  entry.domain = "mail.example.com";
  entry.tool = "hubspot";
  entry.fingerprint = 0x0123456789abcdefULL;
  return entry;
}

void ExpectSame(const LedgerEntry& a, const LedgerEntry& b) {
  EXPECT_EQ(EncodeLedgerEntry(a), EncodeLedgerEntry(b));  // every field
}

TEST(LedgerValueTest, EveryFieldSurvivesTheRoundTrip) {
  const LedgerEntry entry = Full();
  ExpectSame(*DecodeLedgerValue(EncodeLedgerValue(entry)), entry);
}

TEST(LedgerValueTest, ADomainThatIsNotTheSendersIsKept) {
  LedgerEntry entry = Full();
  entry.domain = "other.example.org";
  ExpectSame(*DecodeLedgerValue(EncodeLedgerValue(entry)), entry);
  entry.sender = "";  // no sender at all
  ExpectSame(*DecodeLedgerValue(EncodeLedgerValue(entry)), entry);
  entry.domain = "";
  ExpectSame(*DecodeLedgerValue(EncodeLedgerValue(entry)), entry);
}

TEST(LedgerValueTest, TheSendersDomainAndAMissingFingerprintCostNothing) {
  LedgerEntry entry = Full();
  entry.fingerprint = 0;
  const std::string value = EncodeLedgerValue(entry);
  // 9 header bytes, then six strings with a length byte each.
  EXPECT_EQ(value.size(), 9u + 6u + entry.person_id.size() + entry.campaign.size() +
                              entry.list.size() + entry.team.size() + entry.sender.size() +
                              entry.tool.size());
  EXPECT_LT(value.size(), EncodeLedgerEntry(entry).size());
  ExpectSame(*DecodeLedgerValue(value), entry);
}

// The format is frozen: these bytes decode the same in every version.
TEST(LedgerValueTest, TheLayoutIsAsDocumented) {
  LedgerEntry entry;
  entry.minute = 0x01020304;
  entry.channel = Channel::kSms;
  entry.kind = Kind::kCold;
  entry.outcomes = 0x0506;
  entry.person_id = "p";
  entry.sender = "s@d";
  entry.domain = "d";
  const std::string value = EncodeLedgerValue(entry);
  const std::string expected = std::string("\x04\x03\x02\x01", 4) +
                               static_cast<char>(Channel::kSms) + static_cast<char>(Kind::kCold) +
                               std::string("\x06\x05\x00", 3) + "\x01p" +
                               std::string("\x00\x00\x00", 3) + "\x03s@d" + std::string(1, '\0');
  EXPECT_EQ(value, expected);
}

TEST(LedgerValueTest, DamagedBytesAreAnErrorNotAnEntry) {
  const std::string value = EncodeLedgerValue(Full());
  EXPECT_FALSE(DecodeLedgerValue("").ok());
  EXPECT_FALSE(DecodeLedgerValue(value.substr(0, value.size() - 1)).ok());
  EXPECT_FALSE(DecodeLedgerValue(value + "x").ok());
  std::string bad_channel = value;
  bad_channel[4] = static_cast<char>(200);
  EXPECT_FALSE(DecodeLedgerValue(bad_channel).ok());
  std::string bad_flags = value;
  bad_flags[8] = static_cast<char>(0x80);
  EXPECT_FALSE(DecodeLedgerValue(bad_flags).ok());
}

}  // namespace
}  // namespace tact
