#include "store/history_codec.h"

#include <gtest/gtest.h>

#include <cstring>

#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

TEST(HistoryCodecTest, RoundTripsTouchesAndTheLastReply) {
  History history;
  history.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kSms, Kind::kCold));
  history.Record(Past(T("2027-03-02T10:00:00Z")), 0x0123456789abcdefull);
  history.RecordReply(ToMinute(T("2027-03-03T09:30:00Z")));
  history.RecordEngagement(ToMinute(T("2027-03-03T09:00:00Z")));
  history.SetIgnoredPruned(7);
  history.SetDormantNoted(true);
  std::string bytes;
  EncodeHistory(history, &bytes);
  EXPECT_EQ(bytes.size(), 16u + 2 * 24u);
  auto decoded = DecodeHistory(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_EQ(decoded->touches().size(), 2u);
  EXPECT_EQ(decoded->touches()[0].channel, Channel::kSms);
  EXPECT_EQ(decoded->touches()[0].kind, Kind::kCold);
  EXPECT_EQ(decoded->touches()[1].minute, ToMinute(T("2027-03-02T10:00:00Z")));
  EXPECT_EQ(decoded->fingerprint(0), 0u);
  EXPECT_EQ(decoded->fingerprint(1), 0x0123456789abcdefull);
  EXPECT_EQ(decoded->last_reply(), history.last_reply());
  EXPECT_EQ(decoded->last_engaged(), history.last_engaged());
  EXPECT_EQ(decoded->ignored_pruned(), 7);
  EXPECT_TRUE(decoded->dormant_noted());
  history.SetDormantNoted(false);
  EncodeHistory(history, &bytes);
  EXPECT_FALSE(DecodeHistory(bytes)->dormant_noted());
}

TEST(HistoryCodecTest, KeepsTheSendTimeProfileWhereTheFormatSays) {
  History history;
  const Minute tuesday_nine = ToMinute(T("2027-03-02T09:10:00Z"));
  history.CountReading(EngagementKind::kReply, tuesday_nine, 20'000);
  history.Record(Past(T("2027-03-01T10:00:00Z")));
  history.SetDormantNoted(true);
  std::string bytes;
  EncodeHistory(history, &bytes);
  ASSERT_EQ(bytes.size(), 16u + 176u + 24u);
  EXPECT_EQ(bytes[10], 1 | 2 | 4);
  int32_t as_of;
  std::memcpy(&as_of, bytes.data() + 16, 4);
  EXPECT_EQ(as_of, 20'000);
  EXPECT_EQ(bytes[20 + 24 + 9], 32);  // a reply is four opens of eight units
  EXPECT_EQ(bytes.substr(188, 4), std::string(4, '\0'));
  auto decoded = DecodeHistory(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_NE(decoded->send_time(), nullptr);
  EXPECT_EQ(decoded->send_time()->raw(), history.send_time()->raw());
  EXPECT_EQ(decoded->send_time()->as_of(), 20'000);
  ASSERT_EQ(decoded->touches().size(), 1u);
  EXPECT_EQ(decoded->touches()[0].minute, ToMinute(T("2027-03-01T10:00:00Z")));
  EXPECT_TRUE(decoded->dormant_noted());
  // Cut short, it is refused.
  EXPECT_FALSE(DecodeHistory(bytes.substr(0, 16 + 176 - 8)).ok());
}

// A touch as versions before content fingerprints wrote it: minute, sender,
// thread, and a byte each for channel, kind, counting for budgets and step.
std::string OldTouch(const TouchRecord& record) {
  std::string bytes(reinterpret_cast<const char*>(&record.minute), 4);
  bytes.append(reinterpret_cast<const char*>(&record.sender), 4);
  bytes.append(reinterpret_cast<const char*>(&record.thread), 4);
  bytes.push_back(static_cast<char>(record.channel));
  bytes.push_back(static_cast<char>(record.kind));
  bytes.push_back(record.counts_for_budgets ? 1 : 0);
  bytes.push_back(static_cast<char>(record.step));
  return bytes;
}

TEST(HistoryCodecTest, KeepsEachTouchsTeam) {
  History history;
  TouchRecord from_sales = Past(T("2027-03-01T10:00:00Z"), Channel::kCall, Kind::kCold);
  from_sales.team = TeamKeyOf("sales");
  from_sales.step = 200;
  from_sales.counts_for_budgets = false;
  history.Record(from_sales);
  history.Record(Past(T("2027-03-02T10:00:00Z")));
  std::string bytes;
  EncodeHistory(history, &bytes);
  EXPECT_EQ(bytes.size(), 16u + 2 * 24u);
  EXPECT_EQ(bytes[10] & 4, 4);
  auto decoded = DecodeHistory(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_EQ(decoded->touches().size(), 2u);
  const TouchRecord& first = decoded->touches()[0];
  EXPECT_EQ(first.team, TeamKeyOf("sales"));
  EXPECT_NE(first.team, 0);
  EXPECT_EQ(first.channel, Channel::kCall);
  EXPECT_EQ(first.kind, Kind::kCold);
  EXPECT_EQ(first.step, 200);
  EXPECT_FALSE(first.counts_for_budgets);
  EXPECT_EQ(decoded->touches()[1].team, 0);
  EXPECT_TRUE(decoded->touches()[1].counts_for_budgets);
}

TEST(HistoryCodecTest, ReadsHistoriesWrittenBeforeTouchesKeptTheirTeam) {
  // Data format 2's first layout: the 16-byte header without flag 4, then
  // 24-byte touches (the 16 bytes above and the fingerprint).
  std::string old(16, '\0');
  const Minute engaged = History::kNoReply;
  std::memcpy(old.data(), &engaged, 4);
  std::memcpy(old.data() + 4, &engaged, 4);
  TouchRecord record = Past(T("2027-03-01T10:00:00Z"), Channel::kPush, Kind::kRelationship);
  record.step = 3;
  old += OldTouch(record);
  const uint64_t fingerprint = 0x0123456789abcdefull;
  old.append(reinterpret_cast<const char*>(&fingerprint), 8);
  auto decoded = DecodeHistory(old);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_EQ(decoded->touches().size(), 1u);
  EXPECT_EQ(decoded->touches()[0].channel, Channel::kPush);
  EXPECT_EQ(decoded->touches()[0].kind, Kind::kRelationship);
  EXPECT_EQ(decoded->touches()[0].step, 3);
  EXPECT_EQ(decoded->fingerprint(0), fingerprint);
  EXPECT_EQ(decoded->touches()[0].team, 0);

  std::string bad_flag = old;
  bad_flag[16 + 14] = 7;
  EXPECT_FALSE(DecodeHistory(bad_flag).ok());
}

TEST(HistoryCodecTest, ReadsHistoriesWrittenBeforeEngagementWasTracked) {
  // last_reply, then one 16-byte touch: the layout of data format 1's first release.
  const Minute reply = ToMinute(T("2027-03-02T10:00:00Z"));
  std::string old(reinterpret_cast<const char*>(&reply), 4);
  old += OldTouch(Past(T("2027-03-01T10:00:00Z"), Channel::kSms, Kind::kCold));
  auto decoded = DecodeHistory(old);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_EQ(decoded->touches().size(), 1u);
  EXPECT_EQ(decoded->touches()[0].kind, Kind::kCold);
  EXPECT_EQ(decoded->last_reply(), reply);
  EXPECT_EQ(decoded->last_engaged(), History::kNoReply);
}

TEST(HistoryCodecTest, ReadsHistoriesWrittenBeforeFingerprintsWereKept) {
  // 12-byte header (last_reply, last_engaged, ignored_pruned, 2 zero bytes),
  // then two 16-byte touches.
  const Minute reply = ToMinute(T("2027-03-02T10:00:00Z"));
  const Minute engaged = ToMinute(T("2027-03-01T12:00:00Z"));
  const uint16_t pruned = 3;
  std::string old(reinterpret_cast<const char*>(&reply), 4);
  old.append(reinterpret_cast<const char*>(&engaged), 4);
  old.append(reinterpret_cast<const char*>(&pruned), 2);
  old.append(2, '\0');
  old += OldTouch(Past(T("2027-03-01T10:00:00Z"), Channel::kSms, Kind::kCold));
  old += OldTouch(Past(T("2027-03-03T10:00:00Z")));
  ASSERT_EQ(old.size(), 12u + 2 * 16u);
  auto decoded = DecodeHistory(old);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_EQ(decoded->touches().size(), 2u);
  EXPECT_EQ(decoded->touches()[0].channel, Channel::kSms);
  EXPECT_EQ(decoded->touches()[1].minute, ToMinute(T("2027-03-03T10:00:00Z")));
  EXPECT_EQ(decoded->fingerprint(1), 0u);
  EXPECT_EQ(decoded->last_engaged(), engaged);
  EXPECT_EQ(decoded->ignored_pruned(), 3);
}

TEST(HistoryCodecTest, AnEmptyHistoryHasNoReply) {
  std::string bytes;
  EncodeHistory(History{}, &bytes);
  auto decoded = DecodeHistory(bytes);
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(decoded->touches().empty());
  EXPECT_EQ(decoded->last_reply(), History::kNoReply);
}

TEST(HistoryCodecTest, RejectsWhatIsNotAWholeHistory) {
  History history;
  history.Record(Past(T("2027-03-01T10:00:00Z")));
  std::string bytes;
  EncodeHistory(history, &bytes);
  EXPECT_FALSE(DecodeHistory(bytes.substr(0, 3)).ok());
  EXPECT_FALSE(DecodeHistory(bytes.substr(0, bytes.size() - 1)).ok());

  std::string bad_channel = bytes;
  bad_channel[16 + 12] = 0x0f;  // channel 15
  EXPECT_FALSE(DecodeHistory(bad_channel).ok());
  std::string bad_kind = bytes;
  bad_kind[16 + 12] = 0x70;  // kind 7
  EXPECT_FALSE(DecodeHistory(bad_kind).ok());

  // Touches out of time order are not something tact writes.
  History two;
  two.Record(Past(T("2027-03-01T10:00:00Z")));
  two.Record(Past(T("2027-03-02T10:00:00Z")));
  std::string swapped;
  EncodeHistory(two, &swapped);
  std::string reordered = swapped.substr(0, 16) + swapped.substr(40, 24) + swapped.substr(16, 24);
  EXPECT_FALSE(DecodeHistory(reordered).ok());
}

}  // namespace
}  // namespace tact
