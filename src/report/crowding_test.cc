#include "report/crowding.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

Day D(absl::string_view text) { return ParseDay(text).value(); }

Decision Answer(Outcome outcome) {
  Decision decision;
  decision.outcome = outcome;
  return decision;
}

MirrorSource From(absl::string_view team) { return {team, "spring", "", "", Channel::kEmail}; }

ReportQuery Range(absl::string_view from, absl::string_view to) {
  ReportQuery query;
  query.filter.from = D(from);
  query.filter.to = D(to);
  return query;
}

TEST(CrowdingTest, TheDistributionCountsPeopleByTheirTouchesPerWeek) {
  Mirror mirror;
  const Decision sent = Answer(Outcome::kSend);
  // Week of Monday 2026-11-23: ana gets three touches (two from events),
  // bo one; the week after, bo one.
  mirror.CountDecision(From("events"), D("2026-11-23"), sent, {.week_all = 1, .week_team = 1});
  mirror.CountDecision(From("sales"), D("2026-11-24"), sent, {.week_all = 2, .week_team = 1});
  mirror.CountDecision(From("events"), D("2026-11-26"), sent, {.week_all = 3, .week_team = 2});
  mirror.CountDecision(From("sales"), D("2026-11-29"), sent, {.week_all = 1, .week_team = 1});
  mirror.CountDecision(From("sales"), D("2026-11-30"), sent, {.week_all = 1, .week_team = 1});
  const Distribution distribution = ReadDistribution(mirror, Range("2026-11-25", "2026-12-01"));
  ASSERT_EQ(distribution.weeks.size(), 2u);
  const ReachPeriod& first = distribution.weeks[0];
  EXPECT_EQ(first.from, D("2026-11-23"));  // counted whole, from its Monday
  EXPECT_EQ(first.to, D("2026-11-29"));
  EXPECT_FALSE(first.in_progress);
  EXPECT_EQ(first.all, (PeopleByTouches{1, 0, 1, 0}));  // bo 1, ana 3
  ASSERT_EQ(first.teams.size(), 2u);
  EXPECT_EQ(first.teams[0].first, "events");
  EXPECT_EQ(first.teams[0].second, (PeopleByTouches{0, 1, 0, 0}));  // ana, twice
  EXPECT_EQ(first.teams[1].second, (PeopleByTouches{2, 0, 0, 0}));
  EXPECT_TRUE(distribution.weeks[1].in_progress);  // its Sunday has no counts yet
  EXPECT_EQ(distribution.weeks[1].all, (PeopleByTouches{1, 0, 0, 0}));

  // The team filter keeps one row of the teams, not the totals.
  ReportQuery sales = Range("2026-11-25", "2026-12-01");
  sales.filter.equals[static_cast<int>(Dimension::kTeam)] = "sales";
  const ReachPeriod only = ReadDistribution(mirror, sales).weeks[0];
  ASSERT_EQ(only.teams.size(), 1u);
  EXPECT_EQ(only.teams[0].first, "sales");
  EXPECT_EQ(only.all, first.all);
}

TEST(CrowdingTest, AtMostTheLatestEightWeeksAndFourPeriods) {
  Mirror mirror;
  const Distribution distribution = ReadDistribution(mirror, Range("2026-01-01", "2026-12-01"));
  EXPECT_EQ(distribution.weeks.size(), static_cast<size_t>(kDistributionWeeks));
  EXPECT_EQ(distribution.weeks.back().from, WeekOf(D("2026-12-01")));
  EXPECT_EQ(distribution.days30.size(), static_cast<size_t>(kDistributionPeriods));
  EXPECT_EQ(distribution.days30.back().from, ThirtyDaysOf(D("2026-12-01")));
}

TEST(CrowdingTest, TheCollisionMatrixRanksTheMostCrowdedTeamFirst) {
  Mirror mirror;
  const Day day = D("2026-11-24");
  const Decision deferred = Answer(Outcome::kDefer);
  mirror.CountDecision(From("sales"), day, deferred, {.crowded_by = {"marketing"}});
  mirror.CountDecision(From("sales"), day, deferred, {.crowded_by = {"marketing", "sales"}});
  mirror.CountDecision(From("events"), day, deferred, {.crowded_by = {"sales"}});
  mirror.CountDecision(From("marketing"), day, Answer(Outcome::kSuppress), {});
  const std::vector<CollisionRow> rows = ReadCollisions(mirror, Range("2026-11-01", "2026-11-30"));
  ASSERT_EQ(rows.size(), 2u);  // marketing was held back, but by no touches
  EXPECT_EQ(rows[0].team, "sales");
  EXPECT_EQ(rows[0].held_back, 2);
  EXPECT_EQ(rows[0].by, (NamedCounts{{"marketing", 2}, {"sales", 1}}));
  EXPECT_EQ(rows[1].team, "events");
  ReportQuery events = Range("2026-11-01", "2026-11-30");
  events.filter.equals[static_cast<int>(Dimension::kTeam)] = "events";
  EXPECT_EQ(ReadCollisions(mirror, events).size(), 1u);
}

}  // namespace
}  // namespace tact
