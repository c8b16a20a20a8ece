#include "store/history_codec.h"

#include <gtest/gtest.h>

#include "testing/fixtures.h"

namespace tact {
namespace {

using testing::Past;
using testing::T;

TEST(HistoryCodecTest, RoundTripsTouchesAndTheLastReply) {
  History history;
  history.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kSms, Kind::kCold));
  history.Record(Past(T("2027-03-02T10:00:00Z")));
  history.RecordReply(ToMinute(T("2027-03-03T09:30:00Z")));
  history.RecordEngagement(ToMinute(T("2027-03-03T09:00:00Z")));
  history.SetIgnoredPruned(7);
  std::string bytes;
  EncodeHistory(history, &bytes);
  EXPECT_EQ(bytes.size(), 12u + 2 * 16u);
  auto decoded = DecodeHistory(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_EQ(decoded->touches().size(), 2u);
  EXPECT_EQ(decoded->touches()[0].channel, Channel::kSms);
  EXPECT_EQ(decoded->touches()[0].kind, Kind::kCold);
  EXPECT_EQ(decoded->touches()[1].minute, ToMinute(T("2027-03-02T10:00:00Z")));
  EXPECT_EQ(decoded->last_reply(), history.last_reply());
  EXPECT_EQ(decoded->last_engaged(), history.last_engaged());
  EXPECT_EQ(decoded->ignored_pruned(), 7);
}

TEST(HistoryCodecTest, ReadsHistoriesWrittenBeforeEngagementWasTracked) {
  // last_reply, then one touch: the layout of data format 1's first release.
  History history;
  history.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kSms, Kind::kCold));
  std::string current;
  EncodeHistory(history, &current);
  const Minute reply = ToMinute(T("2027-03-02T10:00:00Z"));
  std::string old(reinterpret_cast<const char*>(&reply), 4);
  old += current.substr(12);
  auto decoded = DecodeHistory(old);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_EQ(decoded->touches().size(), 1u);
  EXPECT_EQ(decoded->touches()[0].kind, Kind::kCold);
  EXPECT_EQ(decoded->last_reply(), reply);
  EXPECT_EQ(decoded->last_engaged(), History::kNoReply);
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
  bad_channel[12 + offsetof(TouchRecord, channel)] = 99;
  EXPECT_FALSE(DecodeHistory(bad_channel).ok());
  std::string bad_flag = bytes;
  bad_flag[12 + offsetof(TouchRecord, counts_for_budgets)] = 7;
  EXPECT_FALSE(DecodeHistory(bad_flag).ok());

  // Touches out of time order are not something tact writes.
  History two;
  two.Record(Past(T("2027-03-01T10:00:00Z")));
  two.Record(Past(T("2027-03-02T10:00:00Z")));
  std::string swapped;
  EncodeHistory(two, &swapped);
  std::string reordered = swapped.substr(0, 12) + swapped.substr(28, 16) + swapped.substr(12, 16);
  EXPECT_FALSE(DecodeHistory(reordered).ok());
}

}  // namespace
}  // namespace tact
