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
  std::string bytes;
  EncodeHistory(history, &bytes);
  EXPECT_EQ(bytes.size(), 4u + 2 * 16u);
  auto decoded = DecodeHistory(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ASSERT_EQ(decoded->touches().size(), 2u);
  EXPECT_EQ(decoded->touches()[0].channel, Channel::kSms);
  EXPECT_EQ(decoded->touches()[0].kind, Kind::kCold);
  EXPECT_EQ(decoded->touches()[1].minute, ToMinute(T("2027-03-02T10:00:00Z")));
  EXPECT_EQ(decoded->last_reply(), history.last_reply());
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
  bad_channel[4 + offsetof(TouchRecord, channel)] = 99;
  EXPECT_FALSE(DecodeHistory(bad_channel).ok());
  std::string bad_flag = bytes;
  bad_flag[4 + offsetof(TouchRecord, counts_for_budgets)] = 7;
  EXPECT_FALSE(DecodeHistory(bad_flag).ok());

  // Touches out of time order are not something tact writes.
  History two;
  two.Record(Past(T("2027-03-01T10:00:00Z")));
  two.Record(Past(T("2027-03-02T10:00:00Z")));
  std::string swapped;
  EncodeHistory(two, &swapped);
  std::string reordered = swapped.substr(0, 4) + swapped.substr(20, 16) + swapped.substr(4, 16);
  EXPECT_FALSE(DecodeHistory(reordered).ok());
}

}  // namespace
}  // namespace tact
