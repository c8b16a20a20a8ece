#include "governor/crowd.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

constexpr char kPolicy[] = R"(
[[budget]]
scope = "all"
window = "7d"
max = 2
)";

TouchRecord From(const char* team, absl::Time at, Kind kind = Kind::kPromotional) {
  TouchRecord record = Past(at, Channel::kEmail, kind);
  record.team = TeamKeyOf(team);
  return record;
}

Touch TouchFrom(const char* team, absl::Time at) {
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, at);
  touch.team = team;
  return touch;
}

// The decision and its crowd, as RecordedDecision reads them.
std::pair<Decision, Crowd> DecideAndRead(const Policy& policy, History& history,
                                         const Touch& touch) {
  const Person person = PersonIn("UTC");
  Decision decision = Decide(policy, person, nullptr, history, touch, *touch.at);
  if (decision.record) history.Record(*decision.record, TextFingerprint(decision));
  return {decision, ReadCrowd(policy, history, touch, decision)};
}

TEST(CrowdTest, ASendKnowsItsPlaceInTheWeekAndTheThirtyDays) {
  const Policy policy = PolicyFrom(kPolicy);
  History history;
  // Wednesday 2026-11-25 is in the week of Monday 2026-11-23 and, like
  // Monday 2026-11-30, in the 30-day period that began on 2026-11-09.
  history.Record(From("events", T("2026-11-25T10:00:00Z")));
  history.Record(From("sales", T("2026-11-30T10:00:00Z")));
  history.Record(From("events", T("2026-11-30T11:00:00Z"), Kind::kTransactional));
  auto [decision, crowd] =
      DecideAndRead(policy, history, TouchFrom("events", T("2026-12-02T10:00:00Z")));
  ASSERT_EQ(decision.outcome, Outcome::kSend);
  EXPECT_EQ(decision.record->team, TeamKeyOf("events"));
  // This week: sales' and this one (a receipt counts for no budget).
  EXPECT_EQ(crowd.week_all, 2);
  EXPECT_EQ(crowd.week_team, 1);
  // The 30 days: all three that count, two of them from events.
  EXPECT_EQ(crowd.period_all, 3);
  EXPECT_EQ(crowd.period_team, 2);
  EXPECT_TRUE(crowd.crowded_by.empty());
}

TEST(CrowdTest, AHeldTouchNamesTheTeamsWhoseTouchesFilledItsWindow) {
  const Policy policy = PolicyFrom(kPolicy);
  History history;
  history.Record(From("events", T("2026-12-01T10:00:00Z")));
  history.Record(From("sales", T("2026-12-02T10:00:00Z")));
  history.Record(From("sales", T("2026-11-20T10:00:00Z")));  // outside the 7 days
  auto [decision, crowd] =
      DecideAndRead(policy, history, TouchFrom("marketing", T("2026-12-03T10:00:00Z")));
  ASSERT_NE(decision.outcome, Outcome::kSend);
  ASSERT_EQ(crowd.crowded_by.size(), 2u);
  EXPECT_EQ(crowd.crowded_by[0], TeamKeyOf("events"));  // history is kept oldest first
  EXPECT_EQ(crowd.crowded_by[1], TeamKeyOf("sales"));
  EXPECT_EQ(crowd.week_all, 0);
}

TEST(CrowdTest, ADryRunAndAHoldNoOtherTouchCausedReadNothing) {
  const Policy policy = PolicyFrom(kPolicy);
  History history;
  history.Record(From("events", T("2026-12-01T10:00:00Z")));
  history.Record(From("sales", T("2026-12-02T10:00:00Z")));
  Touch dry = TouchFrom("marketing", T("2026-12-03T10:00:00Z"));
  dry.dry_run = true;
  EXPECT_TRUE(DecideAndRead(policy, history, dry).second.crowded_by.empty());
  Decision consent;
  consent.outcome = Outcome::kSuppress;
  consent.reasons.push_back(Reason{ReasonCode::kConsentOptedOut, "consent.email", -1, 0});
  const Touch touch = TouchFrom("marketing", T("2026-12-03T10:00:00Z"));
  EXPECT_TRUE(ReadCrowd(policy, history, touch, consent).crowded_by.empty());
}

}  // namespace
}  // namespace tact
