#include "sim/model.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tact::sim {
namespace {

constexpr Minute kDay = 24 * 60;

TEST(FatigueTest, RisesWithEachTouchAndHalvesEveryHalfLife) {
  Fatigue fatigue;
  EXPECT_EQ(fatigue.At(0, 7), 0);
  fatigue.Add(0, 2.0, 7);
  EXPECT_DOUBLE_EQ(fatigue.At(0, 7), 2.0);
  EXPECT_NEAR(fatigue.At(7 * kDay, 7), 1.0, 1e-12);
  EXPECT_NEAR(fatigue.At(14 * kDay, 7), 0.5, 1e-12);
  // A second touch a week later lands on what is left of the first.
  fatigue.Add(7 * kDay, 2.0, 7);
  EXPECT_NEAR(fatigue.At(7 * kDay, 7), 3.0, 1e-12);
  EXPECT_NEAR(fatigue.At(14 * kDay, 7), 1.5, 1e-12);
  // A shorter half-life forgets faster.
  EXPECT_LT(fatigue.At(14 * kDay, 3.5), fatigue.At(14 * kDay, 7));
}

TEST(FatigueTest, IrrelevantRepeatedAndNightTouchesTireMore) {
  const ModelParams params;
  const double relevant = FatigueOf(params, {.relevance = 1.0});
  EXPECT_DOUBLE_EQ(relevant, params.fatigue_per_touch);
  const double irrelevant = FatigueOf(params, {.relevance = 0.0});
  EXPECT_DOUBLE_EQ(irrelevant, params.fatigue_per_touch * (1 + params.irrelevant_weight));
  EXPECT_GT(FatigueOf(params, {.relevance = 1.0, .repeat_or_bump = true}), relevant);
  EXPECT_GT(FatigueOf(params, {.relevance = 1.0, .quiet_hours = true}), relevant);
  EXPECT_GT(FatigueOf(params, {.relevance = 0.2, .repeat_or_bump = true, .quiet_hours = true}),
            FatigueOf(params, {.relevance = 0.2}));
}

TEST(ChancesTest, StayProbabilitiesForAnyInput) {
  ModelParams params;
  params.open_base = 1.0;
  params.reply_base = 1.0;
  params.unsubscribe_base = 0.9;
  params.unsubscribe_fatigue = 50;
  params.complaint_base = 0.5;
  params.silence_rate = 1.0;
  for (double relevance : {-3.0, 0.0, 0.3, 1.0, 7.0}) {
    for (double fatigue : {-5.0, 0.0, 1.0, 6.0, 1e3, 1e9}) {
      for (bool one_to_one : {false, true}) {
        const Chances chances = ChancesFor(params, relevance, fatigue, one_to_one);
        for (double p : {chances.open, chances.reply, chances.meeting, chances.unsubscribe,
                         chances.complaint, chances.silence}) {
          EXPECT_GE(p, 0.0) << relevance << " " << fatigue;
          EXPECT_LE(p, 1.0) << relevance << " " << fatigue;
          EXPECT_FALSE(std::isnan(p));
        }
      }
    }
  }
}

TEST(ChancesTest, FatigueLowersResponsesAndRaisesHarm) {
  const ModelParams params;
  const Chances fresh = ChancesFor(params, 0.5, 0.0, true);
  const Chances tired = ChancesFor(params, 0.5, 8.0, true);
  EXPECT_LT(tired.open, fresh.open);
  EXPECT_LT(tired.reply, fresh.reply);
  EXPECT_GT(tired.unsubscribe, fresh.unsubscribe);
  EXPECT_GT(tired.complaint, fresh.complaint);
  EXPECT_EQ(fresh.silence, 0.0);  // below the threshold nobody tunes out
  EXPECT_GT(tired.silence, 0.0);
  // Relevance works the other way round.
  const Chances relevant = ChancesFor(params, 1.0, 2.0, true);
  const Chances irrelevant = ChancesFor(params, 0.1, 2.0, true);
  EXPECT_GT(relevant.reply, irrelevant.reply);
  EXPECT_LT(relevant.unsubscribe, irrelevant.unsubscribe);
  // Broadcasts bring no meetings and fewer replies.
  EXPECT_EQ(ChancesFor(params, 1.0, 0.0, false).meeting, 0.0);
  EXPECT_LT(ChancesFor(params, 1.0, 0.0, false).reply, fresh.reply * 2);
}

TEST(DrawTest, DependsOnlyOnItsArguments) {
  EXPECT_EQ(Draw(1, 42, 3), Draw(1, 42, 3));
  EXPECT_NE(Draw(1, 42, 3), Draw(1, 42, 4));
  EXPECT_NE(Draw(1, 42, 3), Draw(2, 42, 3));
  double sum = 0;
  for (uint64_t touch = 0; touch < 20000; ++touch) {
    const double u = Draw(7, touch, 1);
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / 20000, 0.5, 0.01);
}

TEST(ReadingTest, ATouchWaitsForTheNextSessionAndIsBuriedTheLongerItWaits) {
  const ReadingHours hours{8, 19};
  const Minute monday = 20'000 * kDay;                              // local midnight
  EXPECT_EQ(NextReading(monday + 8 * 60, hours), monday + 8 * 60);  // a session starts then
  EXPECT_EQ(NextReading(monday + 8 * 60 + 1, hours), monday + 19 * 60);
  EXPECT_EQ(NextReading(monday + 20 * 60, hours), monday + kDay + 8 * 60);
  EXPECT_DOUBLE_EQ(HoursUntilReading(monday + 6 * 60 + 30, hours), 1.5);
  ModelParams params;
  EXPECT_DOUBLE_EQ(TimingFactor(params, 0), 1);
  EXPECT_NEAR(TimingFactor(params, 8), 1 - 0.15 * (1 - std::exp(-1.0)), 1e-12);
  EXPECT_GT(TimingFactor(params, 23.9), 1 - params.timing_weight);
  params.timing_weight = 0;
  EXPECT_DOUBLE_EQ(TimingFactor(params, 12), 1);
}

TEST(ReadingTest, HabitsSayWhenMostPeopleReadFirst) {
  int morning = 0, evening = 0;
  constexpr int kPeople = 10'000;
  for (int person = 0; person < kPeople; ++person) {
    const ReadingHours hours = DrawReadingHours(7, person, ReadingHabits{0.6, 0.25});
    EXPECT_NE(hours[0], hours[1]);
    EXPECT_GE(hours[1], 7);
    EXPECT_LE(hours[1], 21);
    morning += hours[0] >= 7 && hours[0] <= 9;
    evening += hours[0] >= 17 && hours[0] <= 21;
  }
  EXPECT_NEAR(morning / double(kPeople), 0.6, 0.02);
  EXPECT_NEAR(evening / double(kPeople), 0.25, 0.02);
  EXPECT_EQ(DrawReadingHours(7, 42, {}), DrawReadingHours(7, 42, {}));
}

TEST(ModelParamsTest, ReadsKnownKeysAndNamesBadOnes) {
  auto params = ParseModelParams("fatigue_half_life_days = 14\nreply_base = 0.2\n", "model.toml");
  ASSERT_TRUE(params.ok()) << params.status();
  EXPECT_EQ(params->fatigue_half_life_days, 14);
  EXPECT_EQ(params->reply_base, 0.2);
  EXPECT_EQ(params->open_base, ModelParams{}.open_base);

  auto unknown = ParseModelParams("fatigue_halflife = 3\n", "model.toml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("fatigue_halflife: unknown parameter"),
            std::string::npos);
  auto range = ParseModelParams("open_base = 1.5\n", "model.toml");
  ASSERT_FALSE(range.ok());
  EXPECT_NE(range.status().message().find("open_base: must be a number from 0 to 1"),
            std::string::npos);
  auto text = ParseModelParams("open_base = \"high\"\n", "model.toml");
  EXPECT_FALSE(text.ok());
  auto broken = ParseModelParams("open_base = \n", "model.toml");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("model.toml:1"), std::string::npos);
}

}  // namespace
}  // namespace tact::sim
