#include "core/send_time.h"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

namespace tact {
namespace {

// Minutes since 1970 of a civil time (read as local or UTC alike).
Minute At(int year, int month, int day, int hour, int minute = 0) {
  return ToMinute(
      absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute), absl::UTCTimeZone()));
}
Day DayOf(Minute minute) { return minute / (24 * 60); }

// 2027-03-01 is a Monday.
TEST(SendTimeTest, HoursOfTheWeekStartOnMondayMidnight) {
  EXPECT_EQ(HourOfWeek(At(2027, 3, 1, 0)), 0);
  EXPECT_EQ(HourOfWeek(At(2027, 3, 2, 7, 59)), 24 + 7);
  EXPECT_EQ(HourOfWeek(At(2027, 3, 7, 23, 59)), 167);
}

TEST(SendTimeTest, EngagementsWeighByWhatTheySayAndFadeByHalfInSixtyDays) {
  SendTimeProfile profile;
  EXPECT_TRUE(profile.Empty());
  const Minute tuesday_seven = At(2027, 3, 2, 7, 12);
  const Day day = DayOf(tuesday_seven);
  profile.Count(EngagementKind::kOpen, tuesday_seven, day);
  profile.Count(EngagementKind::kReply, tuesday_seven, day);
  profile.Count(EngagementKind::kClick, At(2027, 3, 3, 21), day);
  EXPECT_DOUBLE_EQ(profile.WeightAt(31, day), 5);  // an open and a reply
  EXPECT_DOUBLE_EQ(profile.WeightAt(48 + 21, day), 2);
  EXPECT_DOUBLE_EQ(profile.TotalAt(day), 7);
  EXPECT_DOUBLE_EQ(profile.WeightAt(31, day + 60), 2.5);
  // Counting later fades what was kept first.
  profile.Count(EngagementKind::kOpen, tuesday_seven, day + 60);
  EXPECT_NEAR(profile.WeightAt(31, day + 60), 3.5, 0.125);
}

// An hour counted once, while another is counted every three weeks: the
// first fades although the profile is faded again and again (fading in
// small steps used to round its weight back to itself).
TEST(SendTimeTest, AnOldHourFadesWhileAnotherIsCountedOften) {
  SendTimeProfile profile;
  const Day start = 20'000;
  profile.Count(EngagementKind::kOpen, At(2027, 3, 1, 9), start);
  for (Day day = start + 21; day <= start + 360; day += 21) {
    profile.Count(EngagementKind::kOpen, At(2027, 3, 2, 14), day);
  }
  EXPECT_LT(profile.WeightAt(9, start + 360), 0.2);
  EXPECT_GT(profile.WeightAt(24 + 14, start + 360), 3);
}

TEST(SendTimeTest, AFullHourHalvesEveryHourSoSharesHold) {
  SendTimeProfile profile;
  const Day day = 20'000;
  for (int open = 0; open < 10; ++open)
    profile.Count(EngagementKind::kOpen, At(2027, 3, 1, 9), day);
  for (int open = 0; open < 40; ++open)
    profile.Count(EngagementKind::kOpen, At(2027, 3, 1, 10), day);
  const double nine = profile.WeightAt(9, day), ten = profile.WeightAt(10, day);
  EXPECT_LE(ten, 255.0 / 8);
  EXPECT_NEAR(ten / nine, 4, 1);
}

TEST(SendTimeTest, ThinDataLeansOnThePriorAndMuchDataOnThePerson) {
  const SendTimePrior& prior = SendTimePrior::WorkingWeek();
  EXPECT_NEAR(std::accumulate(prior.share.begin(), prior.share.end(), 0.0), 1, 1e-9);
  const Day day = 20'000;
  const int saturday_night = 5 * 24 + 22;
  const auto best = [](const std::array<double, kHoursOfWeek>& shares) {
    return std::max_element(shares.begin(), shares.end()) - shares.begin();
  };
  EXPECT_EQ(best(ReadingShares(nullptr, prior, day).All()), 9);  // Monday 09:00
  SendTimeProfile thin;
  thin.Count(EngagementKind::kOpen, At(2027, 3, 6, 22), day);
  const auto thin_shares = ReadingShares(&thin, prior, day).All();
  EXPECT_EQ(best(thin_shares), saturday_night);
  // One open (8 units) and half of it lent to Sunday 22:00, against the
  // prior's two opens' worth (16 units).
  EXPECT_NEAR(thin_shares[saturday_night], (8 + 16 * prior.share[saturday_night]) / 28, 1e-12);
  EXPECT_NEAR(thin_shares[saturday_night + 24], (4 + 16 * prior.share[saturday_night + 24]) / 28,
              1e-12);
  SendTimeProfile rich;
  for (int reply = 0; reply < 20; ++reply) {
    rich.Count(EngagementKind::kReply, At(2027, 3, 6, 22), day);
  }
  rich.Count(EngagementKind::kOpen, At(2027, 3, 2, 9), day);
  const auto rich_shares = ReadingShares(&rich, prior, day).All();
  EXPECT_EQ(best(rich_shares), saturday_night);
  EXPECT_GT(rich_shares[saturday_night], 0.5);
  EXPECT_GT(rich_shares[24 + 9], prior.share[24 + 9]);  // the one open on Tuesday at 09:00
  EXPECT_NEAR(std::accumulate(rich_shares.begin(), rich_shares.end(), 0.0), 1, 1e-9);
  // An open on a Tuesday at 19:00 says something of Thursday at 19:00, and
  // nothing of the weekend's.
  SendTimeProfile tuesday;
  tuesday.Count(EngagementKind::kOpen, At(2027, 3, 2, 19), day);
  const auto week = ReadingShares(&tuesday, prior, day).All();
  EXPECT_GT(week[3 * 24 + 19], week[3 * 24 + 9]);
  EXPECT_NEAR(week[5 * 24 + 19], 16 * prior.share[5 * 24 + 19] / (8 + 4 * 4 + 16), 1e-12);
  // A sharp prior (what a cohort does) holds out against one open.
  SendTimePrior evenings;
  evenings.share[18] = 1;
  EXPECT_EQ(best(ReadingShares(&thin, evenings, day).All()), 18);
}

TEST(SendTimeTest, TheBestMinuteIsTheBestHourTheRulesAllow) {
  SendTimePrior prior;
  prior.share[24 + 7] = 0.5;   // Tuesday 07:00
  prior.share[24 + 10] = 0.3;  // Tuesday 10:00
  const ReadingShares shares(nullptr, prior, 20'000);
  const Minute monday_noon = At(2027, 3, 1, 12, 20);
  const auto any = [](Minute minute) { return minute; };
  EXPECT_EQ(BestMinute(shares, monday_noon, 30 * 60, nullptr, any), At(2027, 3, 2, 7));
  // Quiet until 09:00: the best hour left.
  const auto after_nine = [](Minute minute) {
    return minute % (24 * 60) >= 9 * 60 ? minute : minute - minute % (24 * 60) + 9 * 60;
  };
  EXPECT_EQ(BestMinute(shares, monday_noon, 30 * 60, nullptr, after_nine), At(2027, 3, 2, 10));
  // Out of reach of the horizon, or nothing else allowed: as asked.
  EXPECT_EQ(BestMinute(shares, monday_noon, 60, nullptr, any), monday_noon);
  EXPECT_EQ(BestMinute(shares, monday_noon, 30 * 60, nullptr, [](Minute) { return kNever; }),
            monday_noon);
  // In Berlin (UTC+1 in March) Tuesday 07:00 local is 06:00 UTC.
  const LocalClock& berlin = **LocalClock::ForZone("Europe/Berlin");
  EXPECT_EQ(BestMinute(shares, monday_noon, 30 * 60, &berlin, any), At(2027, 3, 2, 6));
  // In Kolkata (UTC+5:30) candidates are whole local hours.
  const LocalClock& kolkata = **LocalClock::ForZone("Asia/Kolkata");
  EXPECT_EQ(BestMinute(shares, monday_noon, 30 * 60, &kolkata, any), At(2027, 3, 2, 1, 30));
  // Across a daylight-saving change (Berlin, 2027-03-28 02:00 → 03:00):
  // Monday 07:00 local is then 05:00 UTC.
  SendTimePrior monday;
  monday.share[7] = 1;
  EXPECT_EQ(BestMinute(ReadingShares(nullptr, monday, 20'000), At(2027, 3, 27, 12), 7 * 24 * 60,
                       &berlin, any),
            At(2027, 3, 29, 5));
  // The rules are asked best hour first, and no more than needed; not at
  // all when the asked minute is best.
  int asked = 0;
  const auto counting = [&](Minute minute) {
    ++asked;
    return minute;
  };
  EXPECT_EQ(BestMinute(shares, monday_noon, 30 * 60, nullptr, counting), At(2027, 3, 2, 7));
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(BestMinute(shares, At(2027, 3, 2, 7, 10), 30 * 60, nullptr, counting),
            At(2027, 3, 2, 7, 10));
  EXPECT_EQ(asked, 1);
}

TEST(SendTimeTest, ARefusalRulesOutTheHoursUpToTheMinuteTheRulesName) {
  SendTimePrior prior;
  prior.share[24 + 7] = 0.5;   // Tuesday 07:00
  prior.share[24 + 8] = 0.4;   // Tuesday 08:00
  prior.share[24 + 10] = 0.3;  // Tuesday 10:00
  const ReadingShares shares(nullptr, prior, 20'000);
  std::vector<Minute> asked;
  // Quiet until 09:00, as the quiet-hours rule says at 07:00.
  const auto after_nine = [&](Minute minute) {
    asked.push_back(minute);
    return minute % (24 * 60) >= 9 * 60 ? minute : minute - minute % (24 * 60) + 9 * 60;
  };
  EXPECT_EQ(BestMinute(shares, At(2027, 3, 1, 12, 20), 30 * 60, nullptr, after_nine),
            At(2027, 3, 2, 10));
  // 08:00 is better than 10:00 but lies before 09:00: never asked.
  EXPECT_EQ(asked, (std::vector<Minute>{At(2027, 3, 2, 7), At(2027, 3, 2, 10)}));
  // Nothing after a refusal (an expiry): the asked minute stands.
  asked.clear();
  const auto expired = [&](Minute minute) {
    asked.push_back(minute);
    return kNever;
  };
  EXPECT_EQ(BestMinute(shares, At(2027, 3, 1, 12, 20), 30 * 60, nullptr, expired),
            At(2027, 3, 1, 12, 20));
  EXPECT_EQ(asked.size(), 1u);
}

TEST(SendTimeTest, RoundTripsThroughItsRawForm) {
  SendTimeProfile profile;
  profile.Count(EngagementKind::kClick, At(2027, 3, 4, 15), 20'000);
  const SendTimeProfile back = SendTimeProfile::FromRaw(profile.raw(), profile.as_of());
  EXPECT_EQ(back.raw(), profile.raw());
  EXPECT_DOUBLE_EQ(back.WeightAt(3 * 24 + 15, 20'000), 2);
  EXPECT_EQ(sizeof(SendTimeProfile), 172u);
}

}  // namespace
}  // namespace tact
