#include "redis_state/history_value.h"

#include <gtest/gtest.h>

#include <string>

#include "store/history_codec.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

History Busy() {
  History history;
  history.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kSms, Kind::kCold));
  TouchRecord rich = Past(T("2027-03-02T10:00:00Z"));
  rich.thread = 0xfeedbeef;
  rich.step = 3;
  rich.counts_for_budgets = false;
  rich.team = TeamKeyOf("events");
  history.Record(rich, 0x0123456789abcdefull);
  history.Record(Past(T("2027-03-02T10:00:00Z"), Channel::kPush));  // the same minute
  history.RecordReply(ToMinute(T("2027-03-03T09:30:00Z")));
  history.RecordEngagement(ToMinute(T("2027-03-03T09:00:00Z")));
  history.SetIgnoredPruned(7);
  history.SetDormantNoted(true);
  history.CountReading(EngagementKind::kClick, ToMinute(T("2027-03-03T09:00:00Z")), 20'000);
  history.CountReading(EngagementKind::kOpen, ToMinute(T("2027-03-07T23:59:00Z")), 20'000);
  return history;
}

// The embedded encoding writes every field: equal bytes, equal histories.
std::string Everything(const History& history) {
  std::string bytes;
  EncodeHistory(history, &bytes);
  return bytes;
}

History RoundTrip(const History& history) {
  std::string value;
  EncodeHistoryValue(history, &value);
  absl::StatusOr<History> decoded = DecodeHistoryValue(value);
  EXPECT_TRUE(decoded.ok()) << decoded.status();
  return decoded.ok() ? *decoded : History();
}

TEST(HistoryValueTest, EveryFieldSurvivesTheRoundTrip) {
  const History busy = Busy();
  EXPECT_EQ(Everything(RoundTrip(busy)), Everything(busy));
  const History empty;
  EXPECT_EQ(Everything(RoundTrip(empty)), Everything(empty));
  History before_1970;
  before_1970.Record(Past(absl::FromUnixSeconds(-86400)));
  EXPECT_EQ(Everything(RoundTrip(before_1970)), Everything(before_1970));
}

TEST(HistoryValueTest, APlainTouchTakesElevenBytesAndAnEmptyHistoryTwo) {
  std::string value;
  EncodeHistoryValue(History(), &value);
  EXPECT_EQ(value, std::string("\0\0", 2));
  History one;
  one.Record(
      Past(T("2027-03-01T10:00:00Z"), Channel::kEmail, Kind::kPromotional, "ana@example.com"));
  ASSERT_NE(one.touches()[0].sender, 0u);
  ASSERT_EQ(one.touches()[0].thread, 0u);
  EncodeHistoryValue(one, &value);
  EXPECT_EQ(value.size(), 2u + 4u + 3u + 4u);           // header, minute, three bytes, sender
  EXPECT_LE(value.size() * 3, Everything(one).size());  // a third of the fixed width
}

// The format is frozen: these bytes decode the same in every version.
TEST(HistoryValueTest, TheLayoutIsAsDocumented) {
  History history;
  TouchRecord touch;
  touch.minute = 2;
  touch.sender = 0x01020304;
  touch.channel = Channel::kSms;
  touch.kind = Kind::kCold;
  touch.step = 9;
  history.Record(touch);
  touch.minute = 5;
  touch.sender = 0;
  touch.counts_for_budgets = false;
  history.Record(touch);
  history.RecordReply(-1);
  std::string value;
  EncodeHistoryValue(history, &value);
  const char kinds =
      static_cast<char>(static_cast<int>(Channel::kSms) * 16 + static_cast<int>(Kind::kCold));
  const std::string expected = std::string("\x02\x01\x02\x04", 4) + kinds +
                               std::string("\x03\x09\x04\x03\x02\x01\x03", 7) + kinds +
                               std::string("\x00\x09", 2);
  EXPECT_EQ(value, expected);
}

// Only the hours with a weight are written: an open on Monday 09:00 local,
// counted on day 3.
TEST(HistoryValueTest, TheSendTimeProfileIsAsDocumented) {
  History history;
  history.CountReading(EngagementKind::kOpen, ToMinute(T("2027-03-01T09:30:00Z")), 3);
  std::string value;
  EncodeHistoryValue(history, &value);
  EXPECT_EQ(value, std::string("\x10\x06\x01\x09\x08\x00", 6));
  absl::StatusOr<History> decoded = DecodeHistoryValue(value);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_NE(decoded->send_time(), nullptr);
  EXPECT_DOUBLE_EQ(decoded->send_time()->WeightAt(9, 3), 1);
  // An hour past the week, hours out of order, a zero weight.
  EXPECT_FALSE(DecodeHistoryValue(std::string("\x10\x06\x01\xa8\x08\x00", 6)).ok());
  EXPECT_FALSE(DecodeHistoryValue(std::string("\x10\x06\x02\x09\x08\x08\x08\x00", 8)).ok());
  EXPECT_FALSE(DecodeHistoryValue(std::string("\x10\x06\x01\x09\x00\x00", 6)).ok());
}

TEST(HistoryValueTest, DamagedBytesAreAnErrorNotAHistory) {
  std::string value;
  EncodeHistoryValue(Busy(), &value);
  EXPECT_FALSE(DecodeHistoryValue("").ok());
  EXPECT_FALSE(DecodeHistoryValue(value.substr(0, value.size() - 1)).ok());
  EXPECT_FALSE(DecodeHistoryValue(value + "x").ok());
  EXPECT_FALSE(DecodeHistoryValue(std::string("\x40\x00", 2)).ok());  // an unknown flag
  // One touch of channel 15.
  EXPECT_FALSE(DecodeHistoryValue(std::string("\x00\x01\x02\xf0\x01\x00", 6)).ok());
  // A count far beyond the bytes.
  EXPECT_FALSE(DecodeHistoryValue(std::string("\x00\xff\xff\x03", 4)).ok());
}

}  // namespace
}  // namespace tact
