// What the Governor answers when its state fails (ports/store.h): the
// kind's WhenUnavailable, never a send that was not recorded. The store
// here is the in-memory one behind a switch that makes it fail as a shared
// store does when Redis does not answer.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "governor/governor.h"
#include "store/memory_state.h"
#include "testing/fixtures.h"
#include "testing/forwarding_store.h"

namespace tact {
namespace {

using testing::T;

class SwitchedStore final : public testing::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  absl::Status Apply(absl::string_view person_id, HistoryChange change) override {
    if (failing) return absl::UnavailableError("redis: no master answered");
    return inner_.Apply(person_id, change);
  }
  absl::StatusOr<std::optional<History>> Get(absl::string_view person_id) const override {
    if (failing) return absl::UnavailableError("redis: no master answered");
    return inner_.Get(person_id);
  }

  std::atomic<bool> failing{false};
};

class CountingObserver final : public GovernorObserver {
 public:
  void OnStateFailure(absl::string_view stage, const absl::Status&) override {
    stages.emplace_back(stage);
  }
  std::vector<std::string> stages;
};

class GovernorUnavailableTest : public ::testing::Test {
 protected:
  GovernorUnavailableTest()
      : store_(state_.histories),
        governor_(
            std::make_shared<const Policy>(testing::PolicyFrom(R"(
[kinds]
relationship = { unavailable = "defer" }
)")),
            Ports(), observer_, [] { return T("2027-03-10T12:00:00Z"); }, UnsubscribeLinks{}) {}
  StatePorts Ports() {
    StatePorts ports = state_.ports();
    return StatePorts{
        store_,          ports.profiles, ports.ledger,    ports.event_ids,   ports.reputation,
        ports.templates, ports.mirror,   ports.held_back, ports.persistence, ports.hypotheses};
  }
  absl::StatusOr<DecideResult> Decide(Kind kind) {
    Touch touch = testing::MakeTouch(Channel::kEmail, kind, T("2027-03-10T12:00:00Z"));
    return governor_.Decide(*governor_.policy(), touch, T("2027-03-10T12:00:00Z"));
  }

  MemoryState state_;
  SwitchedStore store_;
  CountingObserver observer_;
  Governor governor_;
};

// Promotional defers by default; relationship because this policy says so.
TEST_F(GovernorUnavailableTest, KindsThatDeferAnswerDeferAndRecordNothing) {
  store_.failing = true;
  for (Kind kind : {Kind::kPromotional, Kind::kRelationship}) {
    const absl::StatusOr<DecideResult> result = Decide(kind);
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(result->decision.outcome, Outcome::kDefer);
    EXPECT_EQ(result->decision.not_before, T("2027-03-10T12:00:30Z"));
    ASSERT_EQ(result->decision.reasons.size(), 1u);
    EXPECT_EQ(result->decision.reasons[0].rule, "state.unavailable");
    EXPECT_FALSE(result->decision.record.has_value());
  }
  store_.failing = false;
  EXPECT_EQ(state_.histories.Stats().people, 0u);
  EXPECT_EQ(state_.ledger.Size(), 0u);
  EXPECT_EQ(observer_.stages, (std::vector<std::string>{"decide", "decide"}));
}

TEST_F(GovernorUnavailableTest, TransactionalIsRetriedWithTheStatesError) {
  store_.failing = true;
  const absl::StatusOr<DecideResult> result = Decide(Kind::kTransactional);
  EXPECT_TRUE(absl::IsUnavailable(result.status())) << result.status();
  store_.failing = false;
  // Once the state answers, the same ask is decided and recorded.
  const absl::StatusOr<DecideResult> again = Decide(Kind::kTransactional);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->decision.outcome, Outcome::kSend);
  EXPECT_TRUE(state_.ledger.Get(again->touch_id).has_value());
}

TEST_F(GovernorUnavailableTest, EventsTheStateFailedAreNotRecordedSoTheirRetryApplies) {
  Event reply;
  reply.id = "e-1";
  reply.type = EventType::kReplied;
  reply.person_id = "p-1";
  reply.at = T("2027-03-10T11:00:00Z");
  std::vector<Event> events{reply};
  store_.failing = true;
  EXPECT_TRUE(
      absl::IsUnavailable(governor_.ApplyEvents(events, T("2027-03-10T12:00:00Z")).status()));
  store_.failing = false;
  const absl::StatusOr<AppliedEvents> retried =
      governor_.ApplyEvents(events, T("2027-03-10T12:00:00Z"));
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->accepted, 1);
  EXPECT_EQ(state_.histories.Find("p-1")->last_reply(), ToMinute(T("2027-03-10T11:00:00Z")));
}

}  // namespace
}  // namespace tact
