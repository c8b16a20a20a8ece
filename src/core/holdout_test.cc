#include "core/holdout.h"

#include <gtest/gtest.h>

#include <string>

namespace tact {
namespace {

TEST(HoldoutTest, DrawsAreStableUniformAndIndependentBetweenTeams) {
  EXPECT_EQ(HoldoutDraw("2027", "", "p-1"), HoldoutDraw("2027", "", "p-1"));
  int held = 0, held_by_team = 0, both = 0;
  const int people = 100000;
  for (int i = 0; i < people; ++i) {
    const std::string id = "p-" + std::to_string(i);
    const double draw = HoldoutDraw("2027", "", id);
    ASSERT_GE(draw, 0.0);
    ASSERT_LT(draw, 1.0);
    const bool company = InHoldout("2027", "", id, 0.05);
    const bool team = InHoldout("2027", "marketing", id, 0.10);
    held += company;
    held_by_team += team;
    both += company && team;
  }
  // 5 % and 10 % of 100,000, within five standard deviations.
  EXPECT_NEAR(held, 5000, 5 * 69);
  EXPECT_NEAR(held_by_team, 10000, 5 * 95);
  EXPECT_NEAR(both, 500, 5 * 22);  // independent: 0.05 × 0.10
  // A new salt draws a new group.
  int stayed = 0;
  for (int i = 0; i < people; ++i) {
    const std::string id = "p-" + std::to_string(i);
    stayed += InHoldout("2027", "", id, 0.05) && InHoldout("2028", "", id, 0.05);
  }
  EXPECT_NEAR(stayed, 250, 5 * 16);
  EXPECT_FALSE(InHoldout("2027", "", "p-1", 0));
}

}  // namespace
}  // namespace tact
