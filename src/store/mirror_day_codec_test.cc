#include "store/mirror_day_codec.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

constexpr Day kMonday = 20878;  // 2027-03-01

// A day exactly as data formats 1 and 2 store it: the format is frozen, so
// these bytes read the same in every later version, and a day written now is
// these bytes.
constexpr absl::string_view kStored =
    R"({"day":"2027-03-01","became_dormant":2,"cells":[{"team":"sales","campaign":"q1",)"
    R"("sender":"ana","tool":"hubspot","channel":"email","asked":3,"sent":1,"opened":1,)"
    R"("suppressed_by_rule":{"content.bump":1},"deferred_by_rule":{"quiet_hours":1}}]})";

TEST(MirrorDayCodecTest, ReadsAndWritesTheFrozenFormat) {
  auto day = DecodeMirrorDay(kStored);
  ASSERT_TRUE(day.ok()) << day.status();
  EXPECT_EQ(day->day, kMonday);
  EXPECT_EQ(day->became_dormant, 2);
  ASSERT_EQ(day->cells.size(), 1u);
  const MirrorCell& cell = day->cells[0];
  EXPECT_EQ(cell.team, "sales");
  EXPECT_EQ(cell.tool, "hubspot");
  EXPECT_EQ(cell.channel, Channel::kEmail);
  EXPECT_EQ(cell.counts[Measure::kAsked], 3);
  EXPECT_EQ(cell.counts[Measure::kOpened], 1);
  EXPECT_EQ(cell.counts.suppressed_by_rule.at("content.bump"), 1);
  EXPECT_EQ(EncodeMirrorDay(*day), kStored);
  EXPECT_EQ(MirrorDayKey(kMonday), "mirror/2027-03-01");
}

TEST(MirrorDayCodecTest, KeepsACellsKindAndWhoseTouchesCrowdedIt) {
  constexpr absl::string_view kWithKind =
      R"({"day":"2027-03-01","became_dormant":0,"cells":[{"team":"sales","campaign":"q1",)"
      R"("sender":"ana","tool":"hubspot","channel":"email","kind":"cold","deferred":1,)"
      R"("week_team_2":1,"suppressed_by_rule":{},"deferred_by_rule":{"gap.all":1},)"
      R"("crowded_by":{"marketing":1}}]})";
  auto day = DecodeMirrorDay(kWithKind);
  ASSERT_TRUE(day.ok()) << day.status();
  const MirrorCell& cell = day->cells.at(0);
  EXPECT_EQ(cell.kind, Kind::kCold);
  EXPECT_EQ(cell.counts[Measure::kWeekTeam2], 1);
  EXPECT_EQ(cell.counts.crowded_by.at("marketing"), 1);
  EXPECT_EQ(EncodeMirrorDay(*day), kWithKind);
  // A cell from before kinds were kept has none.
  EXPECT_FALSE(DecodeMirrorDay(kStored)->cells.at(0).kind.has_value());
  EXPECT_FALSE(
      DecodeMirrorDay(R"({"day":"2027-03-01","became_dormant":0,"cells":[{"kind":"fax"}]})").ok());
}

TEST(MirrorDayCodecTest, SkipsAMeasureANewerVersionAddedAndRefusesDamage) {
  auto newer = DecodeMirrorDay(
      R"({"day":"2027-03-01","became_dormant":0,"cells":[{"team":"t","channel":"sms","forwarded":4}]})");
  ASSERT_TRUE(newer.ok()) << newer.status();
  EXPECT_EQ(newer->cells.at(0).channel, Channel::kSms);
  for (absl::string_view damaged :
       {R"({"day":"2027-03-01"})", "not json",
        R"({"day":"03/01/2027","became_dormant":0,"cells":[]})",
        R"({"day":"2027-03-01","became_dormant":0,"cells":[{"channel":"fax"}]})",
        R"({"day":"2027-03-01","became_dormant":0,"cells":[{"asked":"three"}]})"}) {
    auto decoded = DecodeMirrorDay(damaged);
    EXPECT_TRUE(absl::IsDataLoss(decoded.status())) << damaged;
    EXPECT_NE(decoded.status().message().find("stored mirror day"), std::string::npos);
  }
}

}  // namespace
}  // namespace tact
