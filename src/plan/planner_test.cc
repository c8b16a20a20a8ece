#include "plan/planner.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "store/memory_state.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

// One SMS a week; relationship touches may wait at most 10 days.
const char* kPolicy = R"(
[[budget]]
scope = "sms"
window = "7d"
max = 1
[kinds]
relationship = { max_delay = "10d" }
)";

struct Ask {
  int line;
  absl::Time at;
  std::optional<absl::Time> first_asked;
};

class PlannerTest : public ::testing::Test {
 protected:
  PlannerTest() {
    Person person = PersonIn("Europe/Berlin");
    person.consent[static_cast<int>(Channel::kSms)] = Consent::kOptedIn;
    EXPECT_TRUE(state_.profiles.PutPerson(person, [](const Person*, Person&) {}).ok());
  }

  void Propose(int line, Channel channel, const std::string& at, const std::string& thread = "",
               int step = 0) {
    PlannedTouch planned{MakeTouch(channel, Kind::kRelationship, T(at), "", thread), line};
    planned.touch.step = step;
    touches_.push_back(planned);
  }

  // Plans through a Governor over the state in memory, as `tact plan` does,
  // noting every ask.
  PlanSummary Run(const std::string& horizon) {
    NullObserver observer;
    // The outcomes name rules by ids the policy owns: it outlives the run.
    planned_with_ = std::make_shared<const Policy>(policy_);
    Governor governor(
        planned_with_, state_.ports(), observer, [] { return absl::Now(); }, UnsubscribeLinks{});
    const PlanDecider decide = GovernorDecider(governor);
    return *RunPlan(
        touches_, T(horizon),
        PlanDecider{[&](const Touch& touch, const ContentFacts* content, absl::Time now) {
                      const auto line =
                          std::find_if(touches_.begin(), touches_.end(),
                                       [&](const PlannedTouch& p) { return &p.touch == &touch; });
                      asks_.push_back(Ask{line->line, now, touch.first_asked});
                      return decide.decide(touch, content, now);
                    },
                    decide.look_ahead});
  }

  const PlannedTouch& Line(int line) const {
    return *std::find_if(touches_.begin(), touches_.end(),
                         [&](const PlannedTouch& p) { return p.line == line; });
  }

  Policy policy_ = PolicyFrom(kPolicy);
  MemoryState state_;
  std::shared_ptr<const Policy> planned_with_;
  std::vector<PlannedTouch> touches_;
  std::vector<Ask> asks_;
};

TEST_F(PlannerTest, AStepIsNotAskedBeforeTheStepBeforeItIsDecided) {
  Propose(1, Channel::kSms, "2027-03-01T10:00:00Z");
  // Step 1 waits a week for the SMS budget; step 2, by email, was proposed
  // for the day after step 1 and must not overtake it.
  Propose(2, Channel::kSms, "2027-03-02T10:00:00Z", "t-1", 1);
  Propose(3, Channel::kEmail, "2027-03-03T10:00:00Z", "t-1", 2);
  const PlanSummary summary = Run("2027-04-01T00:00:00Z");

  EXPECT_EQ(Line(2).outcome, Outcome::kSend);
  EXPECT_EQ(Line(2).decided_at, T("2027-03-08T10:00:00Z"));
  EXPECT_EQ(Line(2).deferrals, 1);
  EXPECT_EQ(Line(3).outcome, Outcome::kSend);
  EXPECT_GE(Line(3).decided_at, Line(2).decided_at);
  // Every ask of step 2 comes after the last ask of step 1, and at or after
  // the moment step 1 went.
  absl::Time last_step1 = absl::InfinitePast();
  for (const Ask& ask : asks_) {
    if (ask.line == 2) last_step1 = ask.at;
    if (ask.line == 3) {
      EXPECT_NE(last_step1, absl::InfinitePast()) << "step 2 asked before step 1";
      EXPECT_GE(ask.at, T("2027-03-08T10:00:00Z"));
    }
  }
  // A deferred touch asked again keeps the time it was first asked.
  for (const Ask& ask : asks_) {
    if (ask.line == 2) {
      EXPECT_EQ(ask.first_asked, T("2027-03-02T10:00:00Z"));
    }
  }
  EXPECT_EQ(summary.total.asked, 3);
  EXPECT_EQ(summary.total.sent, 3);
  EXPECT_EQ(summary.requeued, 1);
  EXPECT_EQ(summary.by_rule.at("budget.sms.7d").deferred, 1);
  EXPECT_EQ(summary.by_rule.at("budget.sms.7d").suppressed, 0);
}

TEST_F(PlannerTest, NumberedStepsGoInStepOrderWhateverTheirTimes) {
  Propose(1, Channel::kEmail, "2027-03-02T12:00:00Z", "t-1", 2);
  Propose(2, Channel::kEmail, "2027-03-02T10:00:00Z", "t-1", 3);
  Propose(3, Channel::kEmail, "2027-03-02T11:00:00Z", "t-1", 1);
  Run("2027-04-01T00:00:00Z");
  ASSERT_EQ(asks_.size(), 3u);
  EXPECT_EQ(asks_[0].line, 3);
  EXPECT_EQ(asks_[0].at, T("2027-03-02T11:00:00Z"));
  EXPECT_EQ(asks_[1].line, 1);
  EXPECT_EQ(asks_[1].at, T("2027-03-02T12:00:00Z"));
  EXPECT_EQ(asks_[2].line, 2);
  EXPECT_EQ(asks_[2].at, T("2027-03-02T12:00:00Z"));  // its own 10:00 had passed
}

TEST_F(PlannerTest, AWaitPastTheKindsMaxDelaySuppresses) {
  policy_ = PolicyFrom(std::string(kPolicy).replace(std::string(kPolicy).find("10d"), 3, "3d"));
  Propose(1, Channel::kSms, "2027-03-01T10:00:00Z");
  Propose(2, Channel::kSms, "2027-03-02T10:00:00Z");  // the next slot is 6 days away
  const PlanSummary summary = Run("2027-04-01T00:00:00Z");
  EXPECT_EQ(Line(2).outcome, Outcome::kSuppress);
  EXPECT_EQ(Line(2).deferrals, 0);
  EXPECT_EQ(
      std::vector<absl::string_view>(Line(2).suppressed_by.begin(), Line(2).suppressed_by.end()),
      (std::vector<absl::string_view>{"budget.sms.7d", "max_delay"}));
  EXPECT_EQ(summary.by_rule.at("max_delay").suppressed, 1);
  EXPECT_EQ(summary.total.suppressed, 1);
}

TEST_F(PlannerTest, StepsBehindOneStillDeferredAtTheHorizonAreNeverAsked) {
  Propose(1, Channel::kSms, "2027-03-01T10:00:00Z");
  Propose(2, Channel::kSms, "2027-03-02T10:00:00Z", "t-1", 1);
  Propose(3, Channel::kEmail, "2027-03-03T10:00:00Z", "t-1", 2);
  const PlanSummary summary = Run("2027-03-05T00:00:00Z");
  EXPECT_EQ(Line(2).outcome, Outcome::kDefer);
  EXPECT_EQ(Line(2).decided_at, T("2027-03-08T10:00:00Z"));
  EXPECT_FALSE(Line(2).behind_earlier_step);
  EXPECT_EQ(Line(3).outcome, Outcome::kDefer);
  EXPECT_TRUE(Line(3).behind_earlier_step);
  EXPECT_EQ(Line(3).deferrals, 0);
  for (const Ask& ask : asks_) EXPECT_NE(ask.line, 3);
  EXPECT_EQ(summary.total.asked, 3);
  EXPECT_EQ(summary.total.sent, 1);
  EXPECT_EQ(summary.total.deferred, 2);
}

// While one touch is decided, the ones after it come nearer step by step:
// each touch asked in its proposed order is named at every look-ahead step,
// in order, before it is decided.
TEST(PlannerLookAheadTest, NamesEachTouchAtEveryStepBeforeItIsDecided) {
  std::vector<PlannedTouch> touches;
  for (int index = 0; index < 20; ++index) {
    // Proposed out of time order: the plan asks them by time.
    const int minute = (index * 7) % 20;
    Touch touch = MakeTouch(Channel::kEmail, Kind::kRelationship,
                            T("2027-03-01T10:00:00Z") + absl::Minutes(minute));
    touch.person_id = absl::StrCat("p-", minute);
    touches.push_back(PlannedTouch{touch, index + 1});
  }
  std::vector<std::pair<std::string, int>> heard;  // (person, step); step -1: decided
  const PlanDecider decider{
      [&](const Touch& touch, const ContentFacts*, absl::Time) {
        heard.emplace_back(touch.person_id, -1);
        Decision decision;
        decision.outcome = Outcome::kSend;
        return absl::StatusOr<Decision>(decision);
      },
      [&](const Touch& touch, int step) { heard.emplace_back(touch.person_id, step); }};
  ASSERT_TRUE(RunPlan(touches, T("2027-03-02T00:00:00Z"), decider).ok());
  for (int minute = 0; minute < 20; ++minute) {
    const std::string person = absl::StrCat("p-", minute);
    std::vector<int> steps;
    for (const auto& [who, step] : heard) {
      if (who == person) steps.push_back(step);
    }
    ASSERT_FALSE(steps.empty()) << person;
    EXPECT_EQ(steps.back(), -1) << person << " is named after it was decided";
    steps.pop_back();
    // The first touches are nearer than the furthest step when planning
    // starts: they are named from the step their place allows.
    const int first = std::max(0, PlanDecider::kLookAheadSteps - minute);
    std::vector<int> expected;
    for (int step = first; step < PlanDecider::kLookAheadSteps; ++step) expected.push_back(step);
    EXPECT_EQ(steps, expected) << person;
  }
}

}  // namespace
}  // namespace tact
