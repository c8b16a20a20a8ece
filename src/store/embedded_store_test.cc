#include "store/embedded_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "policy/policy_loader.h"
#include "store/embedded_state.h"
#include "store/history_codec.h"
#include "testing/fixtures.h"
#include "testing/test_directory.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

constexpr int kPeople = 6;  // few, so that both threads keep changing the same people
constexpr int kRounds = 500;

class EmbeddedStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<EmbeddedState> Open() {
    JournalOptions options;
    options.clock = [] { return T("2027-03-31T12:00:00Z"); };
    auto state = EmbeddedState::Open(dir_, options, policy_);
    EXPECT_TRUE(state.ok()) << state.status();
    return state.ok() ? *std::move(state) : nullptr;
  }

  TestDirectory directory_{"embedded"};
  const std::string dir_ = directory_.path();
  // Its 30-day budgets keep a month of touches.
  const Policy policy_ = PolicyFrom(std::string(DefaultPolicyText()));
};

// Two threads apply batches to the same people at once, each change adding
// a touch and a ledger entry: after a restart every person's history is the
// one in memory (the newest), and every ledger entry is there.
TEST_F(EmbeddedStoreTest, ConcurrentBatchesLeaveTheNewestHistoryOnDisk) {
  std::vector<std::string> encoded(kPeople);
  size_t ledger_entries = 0;
  {
    auto state = Open();
    ASSERT_NE(state, nullptr);
    EmbeddedStore& store = *state->histories;
    std::atomic<int> minute{ToMinute(T("2027-03-20T00:00:00Z"))};
    const auto work = [&](int seed) {
      std::mt19937 random(seed);
      std::vector<std::string> people;
      for (int person = 0; person < kPeople; ++person) people.push_back(absl::StrCat("p-", person));
      for (int round = 0; round < kRounds; ++round) {
        std::shuffle(people.begin(), people.end(), random);
        const auto record = [&](History& history) -> std::optional<LedgerWrite> {
          const Minute at = minute.fetch_add(1);
          history.Record(Past(FromMinute(at)));
          LedgerWrite write{static_cast<uint64_t>(at), LedgerEntry{}, kNever};
          write.entry.minute = at;
          return write;
        };
        std::vector<PersonChange> changes;
        for (size_t i = 0; i < 5; ++i) changes.push_back({people[i], record});
        for (const absl::Status& status : store.ApplyAll(changes)) ASSERT_TRUE(status.ok());
        ASSERT_TRUE(store.Apply(people[5], record).ok());
      }
    };
    std::thread first(work, 1), second(work, 2);
    first.join();
    second.join();
    for (int person = 0; person < kPeople; ++person) {
      ASSERT_TRUE(state->histories->memory().Read(
          absl::StrCat("p-", person),
          [&](const History& history) { EncodeHistory(history, &encoded[person]); }));
    }
    ledger_entries = state->ledger.Size();
    EXPECT_EQ(ledger_entries, 2u * kRounds * 6);
    ASSERT_TRUE(state->journal->AwaitDurable(state->journal->Mark(), Urgency::kAlways).ok());
  }
  auto state = Open();
  ASSERT_NE(state, nullptr);
  EXPECT_EQ(state->contents().histories, static_cast<size_t>(kPeople));
  for (int person = 0; person < kPeople; ++person) {
    std::string reread;
    ASSERT_TRUE(state->histories->memory().Read(
        absl::StrCat("p-", person),
        [&](const History& history) { EncodeHistory(history, &reread); }));
    EXPECT_EQ(reread, encoded[person]) << "p-" << person;
  }
  EXPECT_EQ(state->ledger.Size(), ledger_entries);
}

// A batch that changed a person, committed after another batch changed them
// again, writes the newer history: the one that is the person's when it
// commits, not the one it made.
TEST_F(EmbeddedStoreTest, ABatchCommittedLastWritesTheNewestHistory) {
  std::string newest;
  {
    auto state = Open();
    ASSERT_NE(state, nullptr);
    EmbeddedStore& store = *state->histories;
    std::mutex mutex;
    std::condition_variable changed;
    bool second_done = false;
    const auto record_at = [](const char* at) {
      return [at](History& history) -> std::optional<LedgerWrite> {
        history.Record(Past(T(at)));
        return std::nullopt;
      };
    };
    const auto first_touch = record_at("2027-03-30T09:00:00Z");
    // The first batch's second change waits until another thread has
    // changed p-1 again and committed.
    const auto wait_for_second = [&](History& history) -> std::optional<LedgerWrite> {
      std::unique_lock<std::mutex> lock(mutex);
      changed.wait(lock, [&] { return second_done; });
      history.Record(Past(T("2027-03-30T11:00:00Z")));
      return std::nullopt;
    };
    // Someone whose lock is not p-1's: the wait holds it.
    std::string other = "p-2";
    for (int n = 3; store.memory().ShardOf(other) == store.memory().ShardOf("p-1"); ++n) {
      other = absl::StrCat("p-", n);
    }
    std::thread first([&] {
      const std::vector<PersonChange> changes = {{"p-1", first_touch}, {other, wait_for_second}};
      for (const absl::Status& status : store.ApplyAll(changes)) EXPECT_TRUE(status.ok());
    });
    // Once the first batch has changed p-1 (its history then has a touch).
    for (bool seen = false; !seen;) {
      store.memory().Read("p-1",
                          [&](const History& history) { seen = history.touches().size() == 1; });
    }
    const auto second_touch = record_at("2027-03-30T10:00:00Z");
    ASSERT_TRUE(store.Apply("p-1", second_touch).ok());
    {
      std::lock_guard<std::mutex> lock(mutex);
      second_done = true;
    }
    changed.notify_all();
    first.join();
    ASSERT_TRUE(store.memory().Read("p-1", [&](const History& history) {
      EXPECT_EQ(history.touches().size(), 2u);
      EncodeHistory(history, &newest);
    }));
    ASSERT_TRUE(state->journal->AwaitDurable(state->journal->Mark(), Urgency::kAlways).ok());
  }
  auto state = Open();
  ASSERT_NE(state, nullptr);
  std::string reread;
  ASSERT_TRUE(state->histories->memory().Read(
      "p-1", [&](const History& history) { EncodeHistory(history, &reread); }));
  EXPECT_EQ(reread, newest);
}

// A change that leaves the history as it was writes nothing, and a batch
// with nothing to write commits nothing.
TEST_F(EmbeddedStoreTest, UnchangedHistoriesAreNotWritten) {
  auto state = Open();
  ASSERT_NE(state, nullptr);
  const uint64_t before = state->journal->Mark();
  const auto nothing = [](History&) -> std::optional<LedgerWrite> { return std::nullopt; };
  const std::vector<PersonChange> changes = {{"p-1", nothing}, {"p-2", nothing}};
  for (const absl::Status& status : state->histories->ApplyAll(changes)) ASSERT_TRUE(status.ok());
  EXPECT_EQ(state->journal->Mark(), before);
  const auto record = [](History& history) -> std::optional<LedgerWrite> {
    history.Record(Past(T("2027-03-30T10:00:00Z")));
    return std::nullopt;
  };
  ASSERT_TRUE(state->histories->Apply("p-1", record).ok());
  EXPECT_EQ(state->journal->Mark(), before + 1);
}

}  // namespace
}  // namespace tact
