#include "governor/reading_cohorts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <optional>

#include "absl/strings/str_cat.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

int BestHour(const SendTimePrior& prior) {
  return static_cast<int>(std::max_element(prior.share.begin(), prior.share.end()) -
                          prior.share.begin());
}

TEST(ReadingCohortsTest, PeopleOfACohortShareItsHoursOnceTheyArePublished) {
  ReadingCohorts cohorts;
  Person engineer = testing::PersonIn("Europe/Lisbon", "a");
  engineer.role = "  Engineer ";
  for (int reply = 0; reply < 100; ++reply) cohorts.Count(engineer, EngagementKind::kReply, 22);
  const SendTimePrior& week = SendTimePrior::WorkingWeek();
  Person colleague;  // no country or zone: the role alone
  colleague.role = "engineer";
  std::optional<SendTimePrior> pooled;
  // Not yet published: the working week itself, nothing made.
  EXPECT_EQ(&cohorts.PriorFor(colleague, week, pooled), &week);
  EXPECT_FALSE(pooled.has_value());
  cohorts.Publish();
  const SendTimePrior& prior = cohorts.PriorFor(colleague, week, pooled);
  EXPECT_EQ(&prior, &*pooled);
  EXPECT_EQ(BestHour(prior), 22);
  EXPECT_NEAR(std::accumulate(prior.share.begin(), prior.share.end(), 0.0), 1, 1e-9);
  // 400 engagements pooled with the working week as kPriorEngagements.
  EXPECT_NEAR(prior.share[22],
              (400 + kPriorEngagements * week.share[22]) / (400 + kPriorEngagements), 1e-6);
  Person stranger;
  stranger.role = "lawyer";
  std::optional<SendTimePrior> none;
  EXPECT_EQ(&cohorts.PriorFor(stranger, week, none), &week);
  EXPECT_FALSE(none.has_value());
}

TEST(ReadingCohortsTest, TheTableIsBoundedWhateverRolesPeopleHave) {
  ReadingCohorts cohorts;
  for (size_t index = 0; index < kMaxReadingCohorts + 100; ++index) {
    Person person;
    person.role = absl::StrCat("role ", index);
    cohorts.Count(person, EngagementKind::kOpen, 10);
  }
  EXPECT_EQ(cohorts.cohorts(), kMaxReadingCohorts);
  Person too_long;
  too_long.role = std::string(65, 'x');
  ReadingCohorts fresh;
  fresh.Count(too_long, EngagementKind::kOpen, 10);
  fresh.Count(too_long, EngagementKind::kOpen, 500);  // not an hour of the week
  EXPECT_EQ(fresh.cohorts(), 0u);
}

}  // namespace
}  // namespace tact
