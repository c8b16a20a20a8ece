#include "report/control_groups.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

void Count(Mirror& mirror, absl::string_view team, Measure measure, int times) {
  for (int i = 0; i < times; ++i) {
    mirror.CountOutcome(MirrorSource{team, "", "", "", Channel::kEmail}, 20'000, measure);
  }
}

TEST(ControlGroupsTest, ComparesEachGroupPerHundredPeopleWithItsInterval) {
  Mirror mirror;
  Count(mirror, "", Measure::kTreatedReplied, 90);  // 9,000 people left in
  Count(mirror, "", Measure::kControlReplied, 5);   // 1,000 held out
  Count(mirror, "", Measure::kTreatedMeetings, 18);
  Count(mirror, "ads", Measure::kControlConverted, 2);
  ControlGroup control;
  control.enabled = true;
  control.holdout = 0.1;
  control.teams["ads"] = 0.25;
  ReportQuery query;
  query.filter.from = 19'990;
  query.filter.to = 20'010;
  const std::vector<ControlGroupRow> rows = ReadControlGroups(mirror, query, control, 10'000);
  ASSERT_EQ(rows.size(), 2u);
  const ControlGroupRow& everyone = rows[0];
  EXPECT_EQ(everyone.team, "");
  EXPECT_DOUBLE_EQ(everyone.treated_people, 9'000);
  EXPECT_DOUBLE_EQ(everyone.control_people, 1'000);
  const ControlOutcome& replied = everyone.outcomes[0];
  EXPECT_DOUBLE_EQ(replied.treated_per_100, 1.0);
  EXPECT_DOUBLE_EQ(replied.control_per_100, 0.5);
  EXPECT_DOUBLE_EQ(replied.lift, 0.5);
  // 1.96 × 100 × √(90 / 9,000² + 5 / 1,000²) ≈ 0.4845: the lift is just clear of 0.
  EXPECT_NEAR(replied.low, 0.5 - 0.4845, 1e-3);
  EXPECT_GT(replied.low, 0);
  // Value: replies and meetings together.
  EXPECT_EQ(everyone.outcomes[3].treated, 108);
  // The team's group is drawn among the 9,000 the company-wide one leaves in.
  EXPECT_DOUBLE_EQ(rows[1].control_people, 9'000 * 0.25);
  EXPECT_EQ(rows[1].outcomes[2].control, 2);
  EXPECT_LT(rows[1].outcomes[2].lift, 0);

  control.enabled = false;
  EXPECT_TRUE(ReadControlGroups(mirror, query, control, 10'000).empty());
}

}  // namespace
}  // namespace tact
