#include "core/history.h"

#include <gtest/gtest.h>

#include <vector>

#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

std::vector<Minute> MinutesOf(const History& history) {
  std::vector<Minute> minutes;
  for (const TouchRecord& record : history.touches()) minutes.push_back(record.minute);
  return minutes;
}

TEST(HistoryTest, TouchesWithoutTextKeepNoFingerprints) {
  History history;
  history.Record(Past(T("2027-03-01T10:00:00Z")));
  history.Record(Past(T("2027-03-02T10:00:00Z")));
  EXPECT_TRUE(history.fingerprints().empty());
  EXPECT_EQ(history.fingerprint(1), 0u);
  EXPECT_EQ(history.HeapBytes(), 0u);
}

TEST(HistoryTest, FingerprintsFollowTheirTouchesThroughOutOfOrderInserts) {
  History history;
  history.Record(Past(T("2027-03-03T10:00:00Z")));
  history.Record(Past(T("2027-03-01T10:00:00Z")), 0xaa);  // first in time order
  history.Record(Past(T("2027-03-05T10:00:00Z")), 0xcc);
  history.Record(Past(T("2027-03-02T10:00:00Z")));
  history.Record(Past(T("2027-03-04T10:00:00Z")), 0xbb);
  ASSERT_EQ(history.fingerprints().size(), history.touches().size());
  EXPECT_EQ(
      MinutesOf(history),
      (std::vector<Minute>{ToMinute(T("2027-03-01T10:00:00Z")), ToMinute(T("2027-03-02T10:00:00Z")),
                           ToMinute(T("2027-03-03T10:00:00Z")), ToMinute(T("2027-03-04T10:00:00Z")),
                           ToMinute(T("2027-03-05T10:00:00Z"))}));
  EXPECT_EQ(std::vector<uint64_t>(history.fingerprints().begin(), history.fingerprints().end()),
            (std::vector<uint64_t>{0xaa, 0, 0, 0xbb, 0xcc}));
}

TEST(HistoryTest, PruningDropsFingerprintsWithTheirTouchesAndFreesThemWhenNoTextIsLeft) {
  History history, without_text;  // the same touches, the second without text
  const auto record = [&](const char* at, uint64_t fingerprint) {
    history.Record(Past(T(at)), fingerprint);
    without_text.Record(Past(T(at)));
  };
  const auto prune = [&](const char* before) {
    history.PruneBefore(ToMinute(T(before)));
    without_text.PruneBefore(ToMinute(T(before)));
  };
  record("2027-03-01T10:00:00Z", 0xaa);
  record("2027-03-02T10:00:00Z", 0);
  record("2027-03-03T10:00:00Z", 0xbb);
  EXPECT_GT(history.HeapBytes(), without_text.HeapBytes());

  prune("2027-03-02T00:00:00Z");
  EXPECT_EQ(std::vector<uint64_t>(history.fingerprints().begin(), history.fingerprints().end()),
            (std::vector<uint64_t>{0, 0xbb}));

  prune("2027-03-02T12:00:00Z");
  ASSERT_EQ(history.touches().size(), 1u);
  EXPECT_EQ(history.fingerprint(0), 0xbbu);

  record("2027-03-04T10:00:00Z", 0);
  prune("2027-03-04T00:00:00Z");  // the touch with text leaves
  EXPECT_TRUE(history.fingerprints().empty());
  EXPECT_EQ(history.HeapBytes(), without_text.HeapBytes());
}

TEST(HistoryTest, LosingItsLastTextKeepsWhenThePersonReads) {
  History history;
  history.Record(Past(T("2027-03-01T10:00:00Z")), 0xaa);
  history.CountReading(EngagementKind::kOpen, ToMinute(T("2027-03-01T11:00:00Z")), 20'000);
  history.PruneBefore(ToMinute(T("2027-03-02T00:00:00Z")));
  EXPECT_TRUE(history.fingerprints().empty());
  ASSERT_NE(history.send_time(), nullptr);
  EXPECT_EQ(history.send_time()->as_of(), 20'000);
  history.Record(Past(T("2027-03-03T10:00:00Z")), 0xbb);
  EXPECT_EQ(history.fingerprint(0), 0xbbu);
  EXPECT_NE(history.send_time(), nullptr);
}

TEST(HistoryTest, ACopyKeepsItsOwnFingerprints) {
  History history;
  history.Record(Past(T("2027-03-01T10:00:00Z")), 0xaa);
  History copy = history;
  history.PruneBefore(ToMinute(T("2027-03-02T00:00:00Z")));
  EXPECT_TRUE(history.fingerprints().empty());
  ASSERT_EQ(copy.fingerprints().size(), 1u);
  EXPECT_EQ(copy.fingerprint(0), 0xaau);
}

}  // namespace
}  // namespace tact
