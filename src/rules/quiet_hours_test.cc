#include "rules/quiet_hours.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "engine/decide.h"
#include "policy/policy_loader.h"
#include "rules/explain.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

const char* kPolicy = R"(
[quiet_hours]
weekdays = "20:00-09:00"
weekends = "all-day"
channels = ["email", "sms"]
default_time_zone = "America/New_York"
)";

class QuietHoursTest : public RuleTest {
 protected:
  QuietHoursTest() : RuleTest(kPolicy) {}
  Decision DecideFor(const std::string& zone, absl::Time at, Channel channel = Channel::kEmail,
                     Kind kind = Kind::kPromotional) {
    person_ = PersonIn(zone);
    return Ask(MakeTouch(channel, kind, at));
  }
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

// Holidays: quiet all day where the person lives (their region's calendar
// and their country's), named in the reason and its sentence.
constexpr char kBerlinHolidays[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@x\r\n"
    "DTSTART;VALUE=DATE:20270501\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Tag der Arbeit\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:b@x\r\nDTSTART;VALUE=DATE:20270506\r\nSUMMARY:Christi "
    "Himmelfahrt\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:d@x\r\nDTSTART;VALUE=DATE:20270517\r\nSUMMARY:Pfingstmontag\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";
constexpr char kBavarianHolidays[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:c@x\r\n"
    "DTSTART;VALUE=DATE:20270527\r\nSUMMARY:Fronleichnam\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

class HolidayTest : public ::testing::Test {
 protected:
  HolidayTest() {
    const PolicyFileReader files = [](absl::string_view name) -> absl::StatusOr<PolicyFile> {
      if (name == "de.ics") return PolicyFile{"de.ics", kBerlinHolidays};
      if (name == "de-by.ics") return PolicyFile{"de-by.ics", kBavarianHolidays};
      return absl::NotFoundError(absl::StrCat("cannot open '", name, "'"));
    };
    auto loaded = LoadPolicyFromString(absl::StrCat(kPolicy,
                                                    "holidays = { DE = \"de.ics\", "
                                                    "\"DE-BY\" = \"de-by.ics\" }\n"),
                                       "p.toml", files);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    policy_ = *std::move(loaded);
  }
  Decision Ask(const Person& person, absl::Time at) {
    return Decide(policy_, person, nullptr, History{},
                  MakeTouch(Channel::kEmail, Kind::kPromotional, at), at);
  }
  static Person In(const std::string& country, const std::string& region) {
    Person person = PersonIn("Europe/Berlin");
    person.country = country;
    person.region = region;
    return person;
  }
  Policy policy_;
};

TEST_F(HolidayTest, AHolidayIsQuietAllDayAndNamedInTheReason) {
  // Thursday 6 May 2027, 10:00 in Berlin (CEST): Christi Himmelfahrt.
  const Decision decision = Ask(In("DE", ""), T("2027-05-06T08:00:00Z"));
  ASSERT_EQ(decision.outcome, Outcome::kDefer);
  EXPECT_EQ(decision.not_before, T("2027-05-07T07:00:00Z"));  // Friday 09:00 in Berlin
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].detail, "Christi Himmelfahrt");
  const std::string sentence = Explain(
      decision.reasons[0],
      ExplainContext{policy_, In("DE", ""), nullptr,
                     MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-05-06T08:00:00Z"))});
  EXPECT_NE(sentence.find("Christi Himmelfahrt, a public holiday where they live"),
            std::string::npos)
      << sentence;
  // The same hour in France, or for someone with no country: not a holiday.
  EXPECT_EQ(Ask(In("FR", ""), T("2027-05-06T08:00:00Z")).outcome, Outcome::kSend);
  EXPECT_EQ(Ask(In("", ""), T("2027-05-06T08:00:00Z")).outcome, Outcome::kSend);
}

TEST_F(HolidayTest, AWeekendBeforeAHolidayWaitsForTheDayAfter) {
  // Friday 14 May 2027, 21:00 in Berlin: the weekend, then Pfingstmontag.
  const Decision decision = Ask(In("DE", ""), T("2027-05-14T19:00:00Z"));
  EXPECT_EQ(decision.not_before, T("2027-05-18T07:00:00Z"));  // Tuesday 09:00
  EXPECT_TRUE(decision.reasons[0].detail.empty());            // the evening itself is no holiday
  EXPECT_EQ(Ask(In("FR", ""), T("2027-05-14T19:00:00Z")).not_before, T("2027-05-17T07:00:00Z"));
}

TEST_F(HolidayTest, ARegionsCalendarAddsToItsCountrys) {
  // Thursday 27 May 2027: Fronleichnam in Bavaria only.
  EXPECT_EQ(Ask(In("DE", "BY"), T("2027-05-27T08:00:00Z")).outcome, Outcome::kDefer);
  EXPECT_EQ(Ask(In("DE", "de-by"), T("2027-05-27T08:00:00Z")).outcome, Outcome::kDefer);
  EXPECT_EQ(Ask(In("DE", "BE"), T("2027-05-27T08:00:00Z")).outcome, Outcome::kSend);
  // The country's holidays apply in the region too.
  EXPECT_EQ(Ask(In("DE", "BY"), T("2027-05-06T08:00:00Z")).outcome, Outcome::kDefer);
}

TEST(NextOutsideQuietHoursTest, OutsideQuietHoursIsImmediate) {
  const Policy policy = PolicyFrom(kPolicy);
  const Minute noon = ToMinute(T("2027-03-02T12:00:00Z"));
  EXPECT_EQ(NextOutsideQuietHours(policy.quiet_hours, **LocalClock::ForZone("UTC"), noon), noon);
}

// Quiet periods are elapsed time: from the first occurrence of their local
// start to the first occurrence of their local end after it. `Next` answers
// when a touch asked at `at` may go under `window` (every day) in `zone`.
absl::Time Next(const std::string& window, const std::string& zone, absl::Time at) {
  const Policy policy = PolicyFrom(
      absl::StrCat("[quiet_hours]\nweekdays = \"", window, "\"\nweekends = \"", window, "\"\n"));
  const Minute next =
      NextOutsideQuietHours(policy.quiet_hours, **LocalClock::ForZone(zone), ToMinute(at));
  return FromMinute(next);
}

TEST(QuietPeriodTest, ARepeatedHourDoesNotStartQuietHoursAgain) {
  // America/St_Johns, Sunday 2026-11-01: 02:00 NDT (-2:30) becomes 01:00 NST
  // (-3:30) at 04:30Z, so 01:00-02:00 happens at 03:30Z and again at 04:30Z.
  const std::string zone = "America/St_Johns";
  // Quiet until 01:30: over at its first occurrence (04:00Z), for good.
  EXPECT_EQ(Next("20:00-01:30", zone, T("2026-11-01T03:59:00Z")), T("2026-11-01T04:00:00Z"));
  EXPECT_EQ(Next("20:00-01:30", zone, T("2026-11-01T04:15:00Z")), T("2026-11-01T04:15:00Z"));
  EXPECT_EQ(Next("20:00-01:30", zone, T("2026-11-01T04:30:00Z")), T("2026-11-01T04:30:00Z"));
  EXPECT_EQ(Next("20:00-01:30", zone, T("2026-11-01T04:59:00Z")), T("2026-11-01T04:59:00Z"));
  // Quiet from 01:15: begun at its first occurrence (03:45Z), it lasts until
  // 09:00 NST (12:30Z), through the repeated hour.
  EXPECT_EQ(Next("01:15-09:00", zone, T("2026-11-01T03:44:00Z")), T("2026-11-01T03:44:00Z"));
  EXPECT_EQ(Next("01:15-09:00", zone, T("2026-11-01T03:45:00Z")), T("2026-11-01T12:30:00Z"));
  EXPECT_EQ(Next("01:15-09:00", zone, T("2026-11-01T04:30:00Z")), T("2026-11-01T12:30:00Z"));
  EXPECT_EQ(Next("01:15-09:00", zone, T("2026-11-01T04:44:00Z")), T("2026-11-01T12:30:00Z"));
  EXPECT_EQ(Next("01:15-09:00", zone, T("2026-11-01T12:29:00Z")), T("2026-11-01T12:30:00Z"));
  EXPECT_EQ(Next("01:15-09:00", zone, T("2026-11-01T12:30:00Z")), T("2026-11-01T12:30:00Z"));
}

TEST(QuietPeriodTest, ASkippedHourStartsAndEndsQuietHoursAtTheJump) {
  // America/St_Johns, Sunday 2026-03-08: 02:00 NST (-3:30) becomes 03:00
  // NDT (-2:30) at 05:30Z; 02:00-03:00 never happens.
  const std::string zone = "America/St_Johns";
  // Ending at 02:30 (skipped): over at the jump.
  EXPECT_EQ(Next("20:00-02:30", zone, T("2026-03-08T05:29:00Z")), T("2026-03-08T05:30:00Z"));
  EXPECT_EQ(Next("20:00-02:30", zone, T("2026-03-08T05:30:00Z")), T("2026-03-08T05:30:00Z"));
  // Starting at 02:30 (skipped): begun at the jump, until 09:00 NDT (11:30Z).
  EXPECT_EQ(Next("02:30-09:00", zone, T("2026-03-08T05:29:00Z")), T("2026-03-08T05:29:00Z"));
  EXPECT_EQ(Next("02:30-09:00", zone, T("2026-03-08T05:30:00Z")), T("2026-03-08T11:30:00Z"));
}

TEST(QuietPeriodTest, FortyFiveMinuteOffsetsInBothDirections) {
  // Pacific/Chatham (+12:45, +13:45 in summer). Sunday 2026-04-05: 03:45
  // CHADT becomes 02:45 CHAST at 14:00Z on the 4th, so 02:45-03:45 repeats.
  const std::string zone = "Pacific/Chatham";
  // Quiet until 03:00: over at its first occurrence (13:15Z), not again.
  EXPECT_EQ(Next("22:00-03:00", zone, T("2026-04-04T13:14:00Z")), T("2026-04-04T13:15:00Z"));
  EXPECT_EQ(Next("22:00-03:00", zone, T("2026-04-04T14:00:00Z")), T("2026-04-04T14:00:00Z"));
  // Quiet from 03:00: from 13:15Z through the repeat to 08:00 CHAST (19:15Z).
  EXPECT_EQ(Next("03:00-08:00", zone, T("2026-04-04T14:10:00Z")), T("2026-04-04T19:15:00Z"));
  // Sunday 2026-09-27: 02:45 CHAST becomes 03:45 CHADT at 14:00Z on the 26th.
  EXPECT_EQ(Next("22:00-03:00", zone, T("2026-09-26T13:59:00Z")), T("2026-09-26T14:00:00Z"));
  EXPECT_EQ(Next("03:00-08:00", zone, T("2026-09-26T14:00:00Z")), T("2026-09-26T18:15:00Z"));
  // Asia/Kathmandu (+5:45, no daylight saving): boundaries land exactly.
  EXPECT_EQ(Next("20:00-09:00", "Asia/Kathmandu", T("2026-06-01T03:14:00Z")),
            T("2026-06-01T03:15:00Z"));
  EXPECT_EQ(Next("20:00-09:00", "Asia/Kathmandu", T("2026-06-01T14:15:00Z")),
            T("2026-06-02T03:15:00Z"));
}

}  // namespace
}  // namespace tact
