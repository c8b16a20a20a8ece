// Held touches through the Governor: held when deferred, decided again when
// due, recorded once under the held touch's id (also after a crash between
// recording and marking it), expired, cancelled, retried with back-off.
#include <gtest/gtest.h>

#include "governor/governor.h"
#include "store/memory_state.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using testing::T;

class HeldTest : public ::testing::Test {
 protected:
  HeldTest()
      : governor_(
            std::make_shared<const Policy>(testing::PolicyFrom(R"(
[[budget]]
scope = "all"
window = "1d"
max = 1
)")),
            state_.ports(), observer_, [this] { return now_; }, UnsubscribeLinks{}) {}

  Touch Ask(std::optional<OnLimit> on_limit = OnLimit::kHold) {
    Touch touch = testing::MakeTouch(Channel::kEmail, Kind::kPromotional, now_);
    touch.at.reset();
    touch.tool = "braze";
    touch.on_limit = on_limit;
    return touch;
  }
  DecideResult Decide(const Touch& touch) {
    absl::StatusOr<DecideResult> result = governor_.Decide(*governor_.policy(), touch, now_);
    EXPECT_TRUE(result.ok()) << result.status();
    return *result;
  }
  size_t Recorded() {
    auto history = state_.histories.Get("p-1");
    return history.ok() && history->has_value() ? (*history)->touches().size() : 0;
  }
  HeldTouch Held(uint64_t id) { return **governor_.FindHeld(id); }

  absl::Time now_ = T("2030-03-05T15:00:00Z");
  MemoryState state_;
  GovernorObserver observer_;
  Governor governor_;
};

TEST_F(HeldTest, DeferredHoldIsKeptAndSentWhenDue) {
  EXPECT_EQ(Decide(Ask()).decision.outcome, Outcome::kSend);
  const DecideResult held = Decide(Ask());
  ASSERT_EQ(held.decision.outcome, Outcome::kDefer);
  ASSERT_NE(held.held_id, 0u);
  EXPECT_EQ(Held(held.held_id).due, T("2030-03-06T15:00:00Z"));
  EXPECT_TRUE(governor_.ReleaseDue(now_, 10)->empty());  // not yet

  now_ = T("2030-03-06T15:00:00Z");
  auto calling = governor_.ReleaseDue(now_, 10);
  ASSERT_TRUE(calling.ok());
  ASSERT_EQ(calling->size(), 1u);
  EXPECT_EQ((*calling)[0].outcome, Outcome::kSend);
  EXPECT_EQ(Recorded(), 2u);
  // Recorded under the held touch's id, for the events about it.
  EXPECT_TRUE(state_.ledger.Find(held.held_id)->has_value());
  // Asked again before its callback is tried: called again, not decided again.
  EXPECT_EQ(governor_.ReleaseDue(now_, 10)->size(), 1u);
  EXPECT_EQ(Recorded(), 2u);
}

TEST_F(HeldTest, ADeferOrADryRunIsNotHeld) {
  Decide(Ask());
  EXPECT_EQ(Decide(Ask(OnLimit::kDefer)).held_id, 0u);
  EXPECT_EQ(Decide(Ask(std::nullopt)).held_id, 0u);
  Touch dry = Ask();
  dry.dry_run = true;
  EXPECT_EQ(Decide(dry).held_id, 0u);
  EXPECT_EQ(governor_.CountHeld()[static_cast<size_t>(HeldState::kHeld)], 0);
}

TEST_F(HeldTest, ASendRecordedBeforeACrashIsNotRecordedAgain) {
  Decide(Ask());
  const uint64_t id = Decide(Ask()).held_id;
  // As if tact stopped after recording the release and before marking it:
  // the ledger has the send under the held touch's id.
  LedgerEntry entry;
  entry.person_id = "p-1";
  ASSERT_TRUE(state_.ledger.Add(id, entry, kNever).ok());
  now_ = T("2030-03-06T15:00:00Z");
  auto calling = governor_.ReleaseDue(now_, 10);
  ASSERT_EQ(calling->size(), 1u);
  EXPECT_EQ((*calling)[0].outcome, Outcome::kSend);
  EXPECT_EQ(Recorded(), 1u);  // only the first send
}

TEST_F(HeldTest, ExpiredWhileHeldIsSuppressed) {
  Decide(Ask());
  Touch touch = Ask();
  touch.expires = T("2030-03-06T16:00:00Z");
  const uint64_t id = Decide(touch).held_id;
  ASSERT_NE(id, 0u);
  now_ = T("2030-03-07T15:00:00Z");
  auto calling = governor_.ReleaseDue(now_, 10);
  ASSERT_EQ(calling->size(), 1u);
  EXPECT_EQ((*calling)[0].outcome, Outcome::kSuppress);
  EXPECT_EQ((*calling)[0].rule, "expires");
  EXPECT_EQ(Recorded(), 1u);
}

TEST_F(HeldTest, CancelledIsNeverDecidedAgain) {
  Decide(Ask());
  const uint64_t id = Decide(Ask()).held_id;
  EXPECT_EQ(governor_.CancelHeld(id, now_)->state, HeldState::kCancelled);
  EXPECT_TRUE(absl::IsFailedPrecondition(governor_.CancelHeld(id, now_).status()));
  EXPECT_TRUE(absl::IsNotFound(governor_.CancelHeld(id + 1, now_).status()));
  now_ = T("2030-03-08T15:00:00Z");
  EXPECT_TRUE(governor_.ReleaseDue(now_, 10)->empty());
  EXPECT_EQ(Recorded(), 1u);
}

TEST_F(HeldTest, FailedCallbacksBackOffThenDie) {
  Decide(Ask());
  const uint64_t id = Decide(Ask()).held_id;
  now_ = T("2030-03-06T15:00:00Z");
  ASSERT_EQ(governor_.ReleaseDue(now_, 10)->size(), 1u);
  const CallbackRetries retries{3, absl::Seconds(30), absl::Seconds(45)};
  const absl::Status failed = absl::UnavailableError("answered 500");
  HeldTouch after = *governor_.CallbackTried(id, failed, now_, retries);
  EXPECT_EQ(after.state, HeldState::kCalling);
  EXPECT_EQ(after.due, now_ + absl::Seconds(30));
  EXPECT_TRUE(governor_.ReleaseDue(now_ + absl::Seconds(29), 10)->empty());
  after = *governor_.CallbackTried(id, failed, now_, retries);
  EXPECT_EQ(after.due, now_ + absl::Seconds(45));  // doubled, at most max_retry
  after = *governor_.CallbackTried(id, failed, now_, retries);
  EXPECT_EQ(after.state, HeldState::kDead);
  EXPECT_EQ(after.last_error, "answered 500");
  EXPECT_TRUE(
      absl::IsFailedPrecondition(governor_.CallbackTried(id, failed, now_, retries).status()));
  EXPECT_EQ(governor_.RetryHeld(id, now_)->state, HeldState::kCalling);
  EXPECT_EQ(governor_.CallbackTried(id, absl::OkStatus(), now_, retries)->state,
            HeldState::kDelivered);
  // Forgotten once finished long enough.
  EXPECT_EQ(*governor_.ForgetHeld(now_ + absl::Seconds(1)), 1u);
  EXPECT_FALSE(governor_.FindHeld(id)->has_value());
}

}  // namespace
}  // namespace tact
