#include "redis_state/count_cells.h"

#include <gtest/gtest.h>

#include <vector>

#include "redis/slot.h"

namespace tact::count_cells {
namespace {

// What a decoder gave, as text.
class Recorder final : public Sink {
 public:
  void AddReputation(int32_t hour, Scope scope, absl::string_view name, int64_t sent,
                     int64_t complaints) override {
    seen.push_back(absl::StrCat("r ", hour, " ", std::string(1, static_cast<char>(scope)), " ",
                                name, " ", sent, "/", complaints));
  }
  void AddTemplate(uint64_t fingerprint, Day day, int64_t recipients) override {
    seen.push_back(absl::StrCat("t ", absl::Hex(fingerprint), " ", day, " ", recipients));
  }
  void AddMirror(Day day, const MirrorCell& cell, int64_t dormant) override {
    cells.push_back(cell);
    seen.push_back(absl::StrCat("m ", day, " ", dormant));
  }
  std::vector<std::string> seen;
  std::vector<MirrorCell> cells;
};

TEST(CountCellsTest, ReputationAndTemplateCellsDecodeToWhatWasCounted) {
  Recorder recorder;
  EXPECT_TRUE(Decode(ReputationKey(480000), ReputationField(Scope::kCampaign, false, "spring"), 3,
                     recorder));
  EXPECT_TRUE(Decode(ReputationKey(480000), ReputationField(Scope::kDomain, true, "a.example"), 1,
                     recorder));
  EXPECT_TRUE(Decode(TemplateKey(20000), TemplateField(0xabc), 7, recorder));
  EXPECT_EQ(recorder.seen, (std::vector<std::string>{"r 480000 c spring 3/0",
                                                     "r 480000 d a.example 0/1", "t abc 20000 7"}));
  EXPECT_EQ(TemplateField(0xabc), "0000000000000abc");
}

TEST(CountCellsTest, AMirrorCellsNamesSurviveAnyBytesTheyHold) {
  MirrorCell cell;
  cell.day = 20100;
  cell.team = "growth:1";
  cell.campaign = "spring\nsale\x1f";
  cell.sender = "";
  cell.tool = "5:hub";
  cell.channel = Channel::kSms;
  cell.kind = Kind::kCold;
  cell.counts[Measure::kAsked] = 4;
  cell.counts[Measure::kSent] = 3;
  cell.counts.suppressed_by_rule["consent.sms"] = 1;
  cell.counts.deferred_by_rule["gap.team"] = 2;
  std::vector<Cell> cells;
  AppendMirrorCells(cell, cells);
  ASSERT_EQ(cells.size(), 4u);  // only what is not zero
  Recorder recorder;
  MirrorCounts total;
  for (const Cell& each : cells) {
    EXPECT_EQ(each.key, "m:20100");
    ASSERT_TRUE(Decode(each.key, each.field, each.count, recorder)) << each.field;
    const MirrorCell& decoded = recorder.cells.back();
    EXPECT_EQ(decoded.team, cell.team);
    EXPECT_EQ(decoded.campaign, cell.campaign);
    EXPECT_EQ(decoded.sender, cell.sender);
    EXPECT_EQ(decoded.tool, cell.tool);
    EXPECT_EQ(decoded.channel, Channel::kSms);
    EXPECT_EQ(decoded.kind, Kind::kCold);
    total.Add(decoded.counts);
  }
  EXPECT_EQ(total.measures, cell.counts.measures);
  EXPECT_EQ(total.suppressed_by_rule, cell.counts.suppressed_by_rule);
  EXPECT_EQ(total.deferred_by_rule, cell.counts.deferred_by_rule);
  EXPECT_TRUE(Decode("m:20100", kDormantField, 2, recorder));
  EXPECT_EQ(recorder.seen.back(), "m 20100 2");
}

TEST(CountCellsTest, FieldsThisVersionDoesNotKnowAreSkipped) {
  Recorder recorder;
  for (const auto& [key, field] :
       std::vector<std::pair<std::string, std::string>>{{"q:1", "cs"},
                                                        {"r:x", "csname"},
                                                        {"r:1", "xsname"},
                                                        {"r:1", "cs"},
                                                        {"t:1", "12"},
                                                        {"t:1", "000000000000000g"},
                                                        {"m:1", "3:abc"},
                                                        {"m:1", "1:a1:b1:c1:d9:m0"},
                                                        {"m:1", "1:a1:b1:c1:d0:m99"},
                                                        {"m:1", "1:a1:b1:c1:d0:x0"},
                                                        {"m:1", "9:a"}}) {
    EXPECT_FALSE(Decode(key, field, 1, recorder)) << key << " " << field;
  }
  EXPECT_TRUE(recorder.seen.empty());
}

TEST(CountCellsTest, EveryKeyIsInTheSlotOfTheTagAndExpiresAfterWhatItCounts) {
  const int slot = redis::SlotOf(kTag);
  for (const std::string& key :
       {std::string(kLogKey), std::string(kKeysKey), absl::StrCat(kTag, ReputationKey(1)),
        absl::StrCat(kTag, MirrorKey(1))}) {
    EXPECT_EQ(redis::SlotOf(key), slot) << key;
  }
  constexpr int64_t kDayMs = 86400000;
  EXPECT_EQ(*ExpiresAtMs(TemplateKey(100)), (101 + kTemplateWindowDaysMax + 1) * kDayMs);
  EXPECT_EQ(*ExpiresAtMs(MirrorKey(100)), (101 + kMirrorDaysKept + 1) * kDayMs);
  EXPECT_EQ(*ExpiresAtMs(ReputationKey(24)), 25 * 3600000LL + 90 * kDayMs);
  EXPECT_FALSE(ExpiresAtMs("z:1").has_value());
}

}  // namespace
}  // namespace tact::count_cells
