#include "engine/decide.h"

#include <gtest/gtest.h>

#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

const char* kPolicy = R"(
[[budget]]
scope = "all"
window = "1d"
max = 1
[quiet_hours]
weekdays = "20:00-09:00"
weekends = "all-day"
)";

class DecideTest : public ::testing::Test {
 protected:
  Decision DecideAt(Touch touch) {
    return Decide(policy_, person_, nullptr, history_, touch, *touch.at);
  }
  Policy policy_ = PolicyFrom(kPolicy);
  Person person_ = PersonIn("Europe/Berlin");
  History history_;
};

TEST_F(DecideTest, SoftRulesCombineToTheEarliestTimeAllAllow) {
  // The daily budget frees up at 21:00 Berlin, inside quiet hours, so the
  // touch goes at 09:00 the next morning.
  history_.Record(Past(T("2027-03-02T20:00:00Z")));
  const Decision decision =
      DecideAt(MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-03T10:00:00Z")));
  EXPECT_EQ(decision.outcome, Outcome::kDefer);
  EXPECT_EQ(decision.not_before, T("2027-03-04T08:00:00Z"));
  ASSERT_EQ(decision.reasons.size(), 2u);
  EXPECT_EQ(decision.reasons[0].rule, "budget.all.1d");
  EXPECT_EQ(decision.reasons[0].not_before, T("2027-03-03T20:00:00Z"));
  EXPECT_EQ(decision.reasons[1].rule, "quiet_hours");
  EXPECT_EQ(decision.reasons[1].not_before, T("2027-03-04T08:00:00Z"));
}

TEST_F(DecideTest, DropSuppressesInsteadOfDeferring) {
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T21:00:00Z"));
  touch.on_limit = OnLimit::kDrop;
  const Decision decision = DecideAt(touch);
  EXPECT_EQ(decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(decision.reasons.front().rule, "quiet_hours");
  EXPECT_EQ(decision.reasons.back().rule, "on_limit.drop");
}

TEST_F(DecideTest, ExpiryBeforeTheEarliestTimeSuppresses) {
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T21:00:00Z"));
  touch.expires = T("2027-03-03T07:59:00Z");
  Decision decision = DecideAt(touch);
  EXPECT_EQ(decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(decision.reasons.back().rule, "expires");
  touch.expires = T("2027-03-03T08:00:00Z");
  decision = DecideAt(touch);
  EXPECT_EQ(decision.outcome, Outcome::kDefer);
}

TEST_F(DecideTest, AWaitLongerThanTheKindsMaxDelaySuppresses) {
  policy_ = PolicyFrom(std::string(kPolicy) + "[kinds]\npromotional = { max_delay = \"11h\" }\n");
  // Asked at 21:00 UTC (22:00 Berlin): quiet hours end at 08:00 UTC, 11 h later.
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T21:00:00Z"));
  EXPECT_EQ(DecideAt(touch).outcome, Outcome::kDefer);
  // The same touch, first asked an hour earlier: 12 h is past the limit.
  touch.first_asked = T("2027-03-02T20:00:00Z");
  const Decision decision = DecideAt(touch);
  EXPECT_EQ(decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(decision.reasons.front().rule, "quiet_hours");
  EXPECT_EQ(decision.reasons.back().rule, "max_delay");
  EXPECT_EQ(decision.reasons.back().not_before, T("2027-03-03T08:00:00Z"));
  // A first ask after `at` is no ask at all: the wait counts from `at`.
  touch.first_asked = T("2027-03-02T22:00:00Z");
  EXPECT_EQ(DecideAt(touch).outcome, Outcome::kDefer);
}

TEST_F(DecideTest, TransactionalIgnoresBudgetsAndQuietHours) {
  history_.Record(Past(T("2027-03-02T20:00:00Z")));
  const Decision decision =
      DecideAt(MakeTouch(Channel::kEmail, Kind::kTransactional, T("2027-03-02T23:00:00Z")));
  EXPECT_EQ(decision.outcome, Outcome::kSend);
  EXPECT_TRUE(decision.budgets.empty());
  ASSERT_TRUE(decision.record.has_value());
  EXPECT_FALSE(decision.record->counts_for_budgets);
}

TEST_F(DecideTest, DryRunRecordsNothing) {
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T10:00:00Z"));
  touch.dry_run = true;
  const Decision decision = DecideAt(touch);
  EXPECT_EQ(decision.outcome, Outcome::kSend);
  EXPECT_FALSE(decision.record.has_value());
}

TEST_F(DecideTest, SendRecordsTheTouchAtItsMinute) {
  Touch touch =
      MakeTouch(Channel::kSms, Kind::kRelationship, T("2027-03-02T10:00:42Z"), "ana", "t");
  touch.step = 2;
  const Decision decision = DecideAt(touch);
  ASSERT_TRUE(decision.record.has_value());
  EXPECT_EQ(decision.record->minute, ToMinute(T("2027-03-02T10:00:00Z")));
  EXPECT_EQ(decision.record->channel, Channel::kSms);
  EXPECT_EQ(decision.record->kind, Kind::kRelationship);
  EXPECT_EQ(decision.record->sender, StableKeyOf("ana"));
  EXPECT_EQ(decision.record->thread, StableKeyOf("t"));
  EXPECT_EQ(decision.record->step, 2);
  EXPECT_TRUE(decision.record->counts_for_budgets);
}

TEST_F(DecideTest, TouchWithoutAtIsDecidedNow) {
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T10:00:00Z"));
  touch.at.reset();
  const Decision decision =
      Decide(policy_, person_, nullptr, history_, touch, T("2027-03-02T22:00:00Z"));
  EXPECT_EQ(decision.at, T("2027-03-02T22:00:00Z"));
  EXPECT_EQ(decision.outcome, Outcome::kDefer);
}

TEST_F(DecideTest, HardReasonsComeBeforeSoftOnes) {
  person_.consent[static_cast<int>(Channel::kEmail)] = Consent::kOptedOut;
  history_.Record(Past(T("2027-03-02T09:00:00Z")));
  const Decision decision =
      DecideAt(MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T10:00:00Z")));
  EXPECT_EQ(decision.outcome, Outcome::kSuppress);
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].rule, "consent.email");
}

TEST(RetentionTest, PruningAtTheHorizonChangesNoDecision) {
  const Policy policy = PolicyFrom(R"(
[[budget]]
scope = "all"
window = "7d"
max = 1
)");
  EXPECT_EQ(policy.retention, absl::Hours(24 * 7));
  History history;
  history.Record(Past(T("2027-03-01T10:00:00Z")));
  const absl::Time now = T("2027-03-08T09:59:00Z");
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, now);
  const Person person = PersonIn("");
  const Decision before = Decide(policy, person, nullptr, history, touch, now);
  history.PruneBefore(RetentionHorizon(policy, now));
  const Decision after = Decide(policy, person, nullptr, history, touch, now);
  EXPECT_EQ(before.outcome, Outcome::kDefer);
  EXPECT_EQ(after.outcome, before.outcome);
  EXPECT_EQ(after.not_before, before.not_before);
}

}  // namespace
}  // namespace tact
