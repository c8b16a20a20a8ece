// Send-time through the Governor: opens, clicks and replies told as events
// become the person's profile (in their local time) and their cohorts', and
// decisions carry the best moment they learnt.
#include <gtest/gtest.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "governor/governor.h"
#include "store/memory_state.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using testing::T;

// 2027-03-01 is a Monday; Berlin is UTC+1 then.
constexpr char kPolicy[] = R"(
[quiet_hours]
weekdays = "21:00-07:00"
weekends = "all-day"
[send_time]
horizon = "24h"
)";

class GovernorSendTimeTest : public ::testing::Test {
 protected:
  GovernorSendTimeTest()
      : governor_(
            std::make_shared<const Policy>(testing::PolicyFrom(kPolicy)), state_.ports(), observer_,
            [] { return T("2027-03-10T12:00:00Z"); }, UnsubscribeLinks{}) {
    for (const char* id : {"ana", "ben", "cem"}) {
      Person person =
          testing::PersonIn(id == std::string("cem") ? "Asia/Tokyo" : "Europe/Berlin", id);
      person.country = id == std::string("cem") ? "JP" : "DE";
      EXPECT_TRUE(state_.profiles.PutPerson(person, [](const Person*, Person&) {}).ok());
    }
  }

  // An event about `person` at `at`.
  void Tell(const std::string& person, EventType type, absl::Time at, bool machine = false) {
    std::vector<Event> events(1);
    events[0].id = absl::StrCat("e-", ++events_);
    events[0].person_id = person;
    events[0].type = type;
    events[0].at = at;
    events[0].machine = machine;
    ASSERT_TRUE(governor_.ApplyEvents(events, at).ok());
  }

  absl::Time BestAt(const std::string& person, absl::Time at) {
    Touch touch = testing::MakeTouch(Channel::kEmail, Kind::kPromotional, at);
    touch.person_id = person;
    touch.dry_run = true;
    absl::StatusOr<DecideResult> result = governor_.Decide(*governor_.policy(), touch, at);
    EXPECT_TRUE(result.ok());
    EXPECT_TRUE(result->decision.best_at.has_value());
    return result->decision.best_at.value_or(absl::InfinitePast());
  }

  MemoryState state_;
  NullObserver observer_;
  Governor governor_;
  int events_ = 0;
};

TEST_F(GovernorSendTimeTest, ThePersonsOwnOpensAndRepliesMoveTheirBestHour) {
  // Without data: the working week's best hour from Tuesday 07:30 Berlin is
  // 09:00 local.
  EXPECT_EQ(BestAt("ana", T("2027-03-02T06:30:00Z")), T("2027-03-02T08:00:00Z"));
  // Ana replies and clicks at 19:xx Berlin (18:xx UTC) through the week.
  for (int day = 1; day <= 5; ++day) {
    const absl::Time evening = T(absl::StrFormat("2027-03-%02dT18:20:00Z", day));
    for (int reply = 0; reply < 6; ++reply) Tell("ana", EventType::kReplied, evening);
    Tell("ana", EventType::kClicked, evening);
  }
  // Machine opens say nothing about when she reads.
  for (int open = 0; open < 50; ++open) {
    Tell("ana", EventType::kOpened, T("2027-03-09T02:00:00Z"), /*machine=*/true);
  }
  const absl::StatusOr<std::optional<History>> history = state_.histories.Get("ana");
  ASSERT_TRUE(history.ok() && history->has_value());
  const SendTimeProfile* profile = (*history)->send_time();
  ASSERT_NE(profile, nullptr);
  EXPECT_GT(profile->WeightAt(24 + 19, profile->as_of()), 20);  // Tuesday 19:00 local
  EXPECT_EQ(profile->WeightAt(24 + 3, profile->as_of()), 0);    // no machine's 03:00
  EXPECT_EQ(BestAt("ana", T("2027-03-09T06:30:00Z")), T("2027-03-09T18:00:00Z"));
}

TEST_F(GovernorSendTimeTest, PeopleWithoutDataLeanOnTheirCohortOnceItIsPublished) {
  for (int day = 1; day <= 5; ++day) {
    for (int reply = 0; reply < 40; ++reply) {
      Tell("ana", EventType::kReplied, T(absl::StrFormat("2027-03-%02dT18:20:00Z", day)));
    }
  }
  // Ben, in the same country and zone, told nothing: the working week
  // until the cohorts are published, then the evening.
  EXPECT_EQ(BestAt("ben", T("2027-03-09T06:30:00Z")), T("2027-03-09T08:00:00Z"));
  governor_.SaveMirror();
  EXPECT_EQ(BestAt("ben", T("2027-03-09T06:30:00Z")), T("2027-03-09T18:00:00Z"));
  // Cem, in another country and zone, is no part of it.
  EXPECT_EQ(BestAt("cem", T("2027-03-08T22:30:00Z")), T("2027-03-09T00:00:00Z"));
}

}  // namespace
}  // namespace tact
