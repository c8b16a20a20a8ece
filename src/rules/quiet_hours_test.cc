#include "rules/quiet_hours.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using testing::MakeTouch;
using testing::PersonIn;
using testing::PolicyFrom;
using testing::T;

const char* kPolicy = R"(
[quiet_hours]
weekdays = "20:00-09:00"
weekends = "all-day"
channels = ["email", "sms"]
default_time_zone = "America/New_York"
)";

class QuietHoursTest : public ::testing::Test {
 protected:
  Decision DecideFor(const std::string& zone, absl::Time at, Channel channel = Channel::kEmail,
                     Kind kind = Kind::kPromotional) {
    const Person person = PersonIn(zone);
    Touch touch = MakeTouch(channel, kind, at);
    return Decide(policy_, person, nullptr, history_, touch, at);
  }
  Policy policy_ = PolicyFrom(kPolicy);
  History history_;
};

TEST_F(QuietHoursTest, EastOfUtcEveningDefersToLocalMorning) {
  // 20:30 UTC on Tuesday 2027-03-02 is 21:30 in Berlin (CET, UTC+1).
  const Decision decision = DecideFor("Europe/Berlin", T("2027-03-02T20:30:00Z"));
  EXPECT_EQ(decision.outcome, Outcome::kDefer);
  EXPECT_EQ(decision.not_before, T("2027-03-03T08:00:00Z"));  // 09:00 in Berlin
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].rule, "quiet_hours");
  EXPECT_EQ(decision.reasons[0].not_before, T("2027-03-03T08:00:00Z"));
}

TEST_F(QuietHoursTest, FarEastMorningIsUtcEvening) {
  // 23:59 UTC Monday is 08:59 Tuesday in Tokyo (UTC+9): one minute early.
  const Decision early = DecideFor("Asia/Tokyo", T("2027-03-01T23:59:00Z"));
  EXPECT_EQ(early.outcome, Outcome::kDefer);
  EXPECT_EQ(early.not_before, T("2027-03-02T00:00:00Z"));
  EXPECT_EQ(DecideFor("Asia/Tokyo", T("2027-03-02T00:00:00Z")).outcome, Outcome::kSend);
}

TEST_F(QuietHoursTest, WestOfUtcBoundaries) {
  // Los Angeles is UTC-8 in early March: 19:59 local is fine, 20:00 is quiet.
  EXPECT_EQ(DecideFor("America/Los_Angeles", T("2027-03-03T03:59:00Z")).outcome, Outcome::kSend);
  const Decision quiet = DecideFor("America/Los_Angeles", T("2027-03-03T04:00:00Z"));
  EXPECT_EQ(quiet.outcome, Outcome::kDefer);
  EXPECT_EQ(quiet.not_before, T("2027-03-03T17:00:00Z"));  // 09:00 local
}

TEST_F(QuietHoursTest, FridayEveningWaitsForMonday) {
  // Friday 2027-03-05 21:00 in Berlin -> Monday 09:00.
  const Decision decision = DecideFor("Europe/Berlin", T("2027-03-05T20:00:00Z"));
  EXPECT_EQ(decision.not_before, T("2027-03-08T08:00:00Z"));
}

TEST_F(QuietHoursTest, SpringForwardWeekendEndsAtTheNewOffset) {
  // Europe moves to summer time on Sunday 2027-03-28. Saturday night in
  // Berlin waits until Monday 09:00 CEST, which is 07:00 UTC (not 08:00).
  const Decision decision = DecideFor("Europe/Berlin", T("2027-03-27T22:00:00Z"));
  EXPECT_EQ(decision.not_before, T("2027-03-29T07:00:00Z"));
}

TEST_F(QuietHoursTest, FallBackUsesTheWinterOffset) {
  // Summer time ends Sunday 2027-10-31: Monday 09:00 CET is 08:00 UTC.
  const Decision decision = DecideFor("Europe/Berlin", T("2027-10-30T12:00:00Z"));
  EXPECT_EQ(decision.not_before, T("2027-11-01T08:00:00Z"));
}

TEST_F(QuietHoursTest, WindowEndingInsideTheSkippedHourOpensAtTheJump) {
  Policy policy = PolicyFrom(R"(
[quiet_hours]
weekdays = "22:00-07:00"
weekends = "00:00-02:30"
)");
  const Person person = PersonIn("Europe/Berlin");
  // 00:30 CET on Sunday 2027-03-28; 02:30 does not exist that night, so the
  // quiet time ends at 03:00 CEST (01:00 UTC).
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-27T23:30:00Z"));
  const Decision decision = Decide(policy, person, nullptr, History{}, touch, *touch.at);
  EXPECT_EQ(decision.not_before, T("2027-03-28T01:00:00Z"));
}

TEST_F(QuietHoursTest, WindowEndingInsideTheRepeatedHourOpensAtItsFirstOccurrence) {
  Policy policy = PolicyFrom(R"(
[quiet_hours]
weekdays = "22:00-07:00"
weekends = "00:00-02:30"
)");
  const Person person = PersonIn("Europe/Berlin");
  // 00:30 CEST on Sunday 2027-10-31 (22:30 UTC Saturday); 02:30 happens
  // twice that night, first at 00:30 UTC.
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-10-30T22:30:00Z"));
  const Decision decision = Decide(policy, person, nullptr, History{}, touch, *touch.at);
  EXPECT_EQ(decision.not_before, T("2027-10-31T00:30:00Z"));
}

TEST_F(QuietHoursTest, UsesThePolicyZoneForPeopleWithoutOne) {
  // 02:00 UTC is 21:00 in New York (EST).
  const Decision decision = DecideFor("", T("2027-03-03T02:00:00Z"));
  EXPECT_EQ(decision.outcome, Outcome::kDefer);
  EXPECT_EQ(decision.not_before, T("2027-03-03T14:00:00Z"));
}

TEST_F(QuietHoursTest, OnlyListedChannelsAndKinds) {
  EXPECT_EQ(DecideFor("Europe/Berlin", T("2027-03-02T22:00:00Z"), Channel::kPush).outcome,
            Outcome::kSend);
  EXPECT_EQ(
      DecideFor("Europe/Berlin", T("2027-03-02T22:00:00Z"), Channel::kEmail, Kind::kTransactional)
          .outcome,
      Outcome::kSend);
}

TEST(NextOutsideQuietHoursTest, OutsideQuietHoursIsImmediate) {
  const Policy policy = PolicyFrom(kPolicy);
  const Minute noon = ToMinute(T("2027-03-02T12:00:00Z"));
  EXPECT_EQ(NextOutsideQuietHours(policy.quiet_hours, **LocalClock::ForZone("UTC"), noon), noon);
}

}  // namespace
}  // namespace tact
