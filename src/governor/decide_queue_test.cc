// DecideQueue: asks that arrive while a group is being decided are decided
// together, in one ApplyAll, each with its own answer, and caps hold.
#include "governor/decide_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "store/memory_state.h"
#include "testing/fixtures.h"
#include "testing/forwarding_store.h"

namespace tact {
namespace {

using testing::T;

// The in-memory store, holding the first ApplyAll until released, and
// counting how many changes each ApplyAll took.
class GatedStore final : public testing::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  std::vector<absl::Status> ApplyAll(absl::Span<const PersonChange> changes) override {
    if (calls.fetch_add(1) == 0) {
      entered.Notify();
      release.WaitForNotification();
    }
    sizes.push_back(changes.size());  // one group at a time
    return Store::ApplyAll(changes);
  }

  std::atomic<int> calls{0};
  absl::Notification entered, release;
  std::vector<size_t> sizes;
};

TEST(DecideQueueTest, AsksThatArriveWhileAGroupIsDecidedAreDecidedTogether) {
  MemoryState state;
  GatedStore store(state.histories);
  StatePorts ports = state.ports();
  GovernorObserver observer;
  Governor governor(
      std::make_shared<const Policy>(testing::PolicyFrom(R"(
[[budget]]
scope = "all"
window = "1d"
max = 1
)")),
      StatePorts{store, ports.profiles, ports.ledger, ports.event_ids, ports.reputation,
                 ports.templates, ports.mirror, ports.held_back, ports.persistence,
                 ports.hypotheses},
      observer, [] { return T("2027-03-10T12:00:00Z"); }, UnsubscribeLinks{});
  DecideQueue queue(governor, 256);
  const std::shared_ptr<const Policy> policy = governor.policy();

  const auto ask = [&](const std::string& person) {
    Touch touch =
        testing::MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-10T12:00:00Z"));
    touch.person_id = person;
    return queue.Decide(*policy, touch);
  };
  // The first ask is decided alone and held in the store; six more arrive
  // meanwhile, two for each of three people.
  std::vector<Outcome> later(6);
  std::thread first([&] { ASSERT_TRUE(ask("p-first").ok()); });
  store.entered.WaitForNotification();
  std::vector<std::thread> others;
  for (int i = 0; i < 6; ++i) {
    others.emplace_back([&, i] {
      absl::StatusOr<DecideResult> result = ask(absl::StrCat("p-", i % 3));
      ASSERT_TRUE(result.ok()) << result.status();
      later[i] = result->decision.outcome;
    });
  }
  while (queue.waiting() < 6) std::this_thread::yield();
  store.release.Notify();
  first.join();
  for (std::thread& thread : others) thread.join();

  EXPECT_EQ(store.sizes, (std::vector<size_t>{1, 6}));
  // Under a cap of one a day, each of the three people got one send.
  int sends = 0;
  for (Outcome outcome : later) sends += outcome == Outcome::kSend;
  EXPECT_EQ(sends, 3);
}

}  // namespace
}  // namespace tact
