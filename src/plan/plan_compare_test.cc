#include "plan/plan_compare.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

PlannedTouch Planned(int line, const std::string& team, const std::string& campaign,
                     Outcome outcome) {
  PlannedTouch planned;
  planned.line = line;
  planned.touch.team = team;
  planned.touch.campaign = campaign;
  planned.outcome = outcome;
  return planned;
}

TEST(PlanCompareTest, PairsTouchesByLineAndCountsWhatMoved) {
  const std::vector<PlannedTouch> before = {
      Planned(2, "marketing", "spring", Outcome::kSend),
      Planned(3, "marketing", "spring", Outcome::kSend),
      Planned(4, "sales", "outbound", Outcome::kSend),
      Planned(5, "sales", "outbound", Outcome::kDefer),
      Planned(6, "sales", "outbound", Outcome::kSend),  // refused under the second policy
  };
  // In another order: pairs are made by line, not position.
  const std::vector<PlannedTouch> after = {
      Planned(4, "sales", "outbound", Outcome::kSuppress),
      Planned(3, "marketing", "spring", Outcome::kDefer),
      Planned(2, "marketing", "spring", Outcome::kSend),
      Planned(5, "sales", "outbound", Outcome::kDefer),
  };
  const PlanComparison comparison = ComparePlans(before, after);
  EXPECT_EQ(comparison.unmatched, 1);
  EXPECT_EQ(comparison.total.before.asked, 4);
  EXPECT_EQ(comparison.total.before.sent, 3);
  EXPECT_EQ(comparison.total.after.sent, 1);
  EXPECT_EQ(comparison.total.after.deferred, 2);
  EXPECT_EQ(comparison.total.after.suppressed, 1);
  EXPECT_EQ(comparison.total.changed, 2);
  EXPECT_EQ(comparison.by_team.at("marketing").changed, 1);
  EXPECT_EQ(comparison.by_team.at("marketing").after.deferred, 1);
  EXPECT_EQ(comparison.by_team.at("sales").changed, 1);
  EXPECT_EQ(comparison.by_campaign.at("outbound").after.suppressed, 1);
  const auto moved = [&](Outcome from, Outcome to) {
    return comparison.moves[static_cast<int>(from)][static_cast<int>(to)];
  };
  EXPECT_EQ(moved(Outcome::kSend, Outcome::kDefer), 1);
  EXPECT_EQ(moved(Outcome::kSend, Outcome::kSuppress), 1);
  EXPECT_EQ(moved(Outcome::kSend, Outcome::kSend), 1);
  EXPECT_EQ(moved(Outcome::kDefer, Outcome::kDefer), 1);
}

}  // namespace
}  // namespace tact
