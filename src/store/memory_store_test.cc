#include "store/memory_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "governor/decide_and_record.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

TEST(MemoryStoreTest, CreatesOnFirstApplyAndReturnsCopies) {
  MemoryStore store;
  EXPECT_FALSE(store.Find("p-1").has_value());
  ASSERT_TRUE(store
                  .Apply("p-1",
                         [](History& history) -> std::optional<LedgerWrite> {
                           history.Record(testing::Past(T("2027-03-01T10:00:00Z")));
                           return std::nullopt;
                         })
                  .ok());
  auto history = store.Find("p-1");
  ASSERT_TRUE(history.has_value());
  EXPECT_EQ(history->touches().size(), 1u);
  EXPECT_EQ(store.Stats().people, 1u);
  EXPECT_EQ(store.Stats().touches, 1u);
}

// Sized for its people, a store's tables are mostly full: a table sized by
// doubling (64 shards for 200,000 people: 64 tables of 4,095 slots) would
// be under half full.
TEST(MemoryStoreTest, AStoreSizedForItsPeopleFillsItsTables) {
  EXPECT_EQ(MemoryStore::ShardsFor(0), 64u);
  EXPECT_EQ(MemoryStore::ShardsFor(1000), 64u);
  EXPECT_EQ(MemoryStore::ShardsFor(1000000), 73u);
  constexpr size_t kPeople = 200000;
  MemoryStore store(kPeople);
  EXPECT_EQ(store.shard_count(), MemoryStore::ShardsFor(kPeople));
  const size_t bytes_before = store.Stats().bytes;
  for (size_t index = 0; index < kPeople; ++index) {
    ASSERT_TRUE(store
                    .Apply(absl::StrCat("p-", index),
                           [](History&) -> std::optional<LedgerWrite> { return std::nullopt; })
                    .ok());
  }
  const StoreStats stats = store.Stats();
  EXPECT_EQ(stats.people, kPeople);
  EXPECT_EQ(stats.bytes, bytes_before) << "no shard had to grow";
  // An empty history and an inline key cost their slot and control byte.
  const double slot = sizeof(std::pair<PersonKey, History>) + 1;
  const double load = slot * static_cast<double>(kPeople) / static_cast<double>(stats.bytes);
  EXPECT_GT(load, 0.70);
  EXPECT_LT(load, 0.875);
}

TEST(MemoryStoreTest, AnEmptyStoreIsSizedOnceItsPeopleAreKnown) {
  MemoryStore store;
  EXPECT_EQ(store.shard_count(), 64u);
  ASSERT_TRUE(store.SizeFor(1000000).ok());
  EXPECT_EQ(store.shard_count(), 73u);
  ASSERT_TRUE(
      store.Apply("p-1", [](History&) -> std::optional<LedgerWrite> { return std::nullopt; }).ok());
  EXPECT_EQ(store.SizeFor(10).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(store.shard_count(), 73u);
  EXPECT_TRUE(store.Find("p-1").has_value());
}

// ApplyAll prefetches people ahead of the change it applies: the outcome
// must be Apply's, one change after another, with a person's later change
// seeing their earlier ones in the same batch, new people included.
TEST(MemoryStoreTest, ApplyAllIsApplyInOrder) {
  MemoryStore batched;
  MemoryStore one_by_one;
  const Minute start = ToMinute(T("2027-03-01T10:00:00Z"));
  std::vector<std::string> ids;
  std::vector<int> seen_by_change;
  for (int index = 0; index < 2000; ++index) ids.push_back(absl::StrCat("p-", index * 7 % 300));
  const auto record = [&](int index, std::vector<int>& seen) {
    return [&seen, index, start](History& history) -> std::optional<LedgerWrite> {
      seen[index] = static_cast<int>(history.touches().size());
      history.Record(testing::Past(FromMinute(start + index)));
      return std::nullopt;
    };
  };
  std::vector<int> seen_batched(ids.size(), -1), seen_alone(ids.size(), -1);
  std::vector<std::function<std::optional<LedgerWrite>(History&)>> changes;
  for (size_t index = 0; index < ids.size(); ++index) {
    changes.push_back(record(static_cast<int>(index), seen_batched));
  }
  std::vector<PersonChange> batch;
  for (size_t index = 0; index < ids.size(); ++index) batch.push_back({ids[index], changes[index]});
  const std::vector<absl::Status> outcomes = batched.ApplyAll(batch);
  ASSERT_EQ(outcomes.size(), ids.size());
  for (size_t index = 0; index < ids.size(); ++index) {
    EXPECT_TRUE(outcomes[index].ok());
    ASSERT_TRUE(one_by_one.Apply(ids[index], record(static_cast<int>(index), seen_alone)).ok());
  }
  EXPECT_EQ(seen_batched, seen_alone);
  EXPECT_EQ(batched.Stats().people, 300u);
  one_by_one.ForEach([&](absl::string_view id, const History& alone) {
    const std::optional<History> history = batched.Find(id);
    ASSERT_TRUE(history.has_value()) << id;
    ASSERT_EQ(history->touches().size(), alone.touches().size()) << id;
    for (size_t touch = 0; touch < alone.touches().size(); ++touch) {
      EXPECT_EQ(history->touches()[touch].minute, alone.touches()[touch].minute) << id;
    }
  });
}

// Prefetching is a hint: for people stored or not, it changes nothing.
TEST(MemoryStoreTest, PrefetchChangesNothing) {
  MemoryStore store;
  for (int index = 0; index < 5000; ++index) {
    ASSERT_TRUE(store
                    .Apply(absl::StrCat("p-", index),
                           [](History& history) -> std::optional<LedgerWrite> {
                             history.Record(testing::Past(T("2027-03-01T10:00:00Z")));
                             return std::nullopt;
                           })
                    .ok());
  }
  const StoreStats before = store.Stats();
  for (int index = 0; index < 10000; ++index) store.Prefetch(absl::StrCat("p-", index));
  const StoreStats after = store.Stats();
  EXPECT_EQ(after.people, before.people);
  EXPECT_EQ(after.touches, before.touches);
  EXPECT_EQ(after.bytes, before.bytes);
  EXPECT_FALSE(store.Find("p-7000").has_value());
  EXPECT_EQ(store.Find("p-4999")->touches().size(), 1u);
}

TEST(MemoryStoreTest, ConcurrentDecisionsForOnePersonNeverOverspend) {
  const Policy policy = PolicyFrom(R"(
[[budget]]
scope = "all"
window = "1d"
max = 3
)");
  MemoryStore store;
  const Person person = PersonIn("");
  const absl::Time now = T("2027-03-02T10:00:00Z");
  std::atomic<int> sends{0};
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 8; ++thread) {
    threads.emplace_back([&] {
      for (int ask = 0; ask < 500; ++ask) {
        const Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, now);
        if (DecideAndRecord(store, policy, person, nullptr, touch, now)->outcome == Outcome::kSend)
          ++sends;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(sends.load(), 3);
  EXPECT_EQ(store.Find(person.id)->touches().size(), 3u);
}

TEST(MemoryStoreTest, ManyPeopleInParallel) {
  const Policy policy = PolicyFrom("[[budget]]\nscope = \"all\"\nwindow = \"1d\"\nmax = 1\n");
  MemoryStore store;
  std::vector<std::thread> threads;
  std::atomic<int> sends{0};
  for (int thread = 0; thread < 4; ++thread) {
    threads.emplace_back([&, thread] {
      for (int index = 0; index < 2000; ++index) {
        const Person person = PersonIn("", absl::StrCat("p-", index));
        Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional,
                                T("2027-03-02T10:00:00Z") + absl::Minutes(thread));
        touch.person_id = person.id;
        if (DecideAndRecord(store, policy, person, nullptr, touch, *touch.at)->outcome ==
            Outcome::kSend)
          ++sends;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(sends.load(), 2000);  // exactly one per person per day
  EXPECT_EQ(store.Stats().people, 2000u);
}

TEST(GovernorTest, PrunesHistoryOlderThanThePolicyLooks) {
  const Policy policy = PolicyFrom("[[budget]]\nscope = \"all\"\nwindow = \"1d\"\nmax = 5\n");
  MemoryStore store;
  const Person person = PersonIn("");
  for (int day = 0; day < 10; ++day) {
    const absl::Time at = T("2027-03-01T10:00:00Z") + absl::Hours(24 * day);
    Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, at);
    ASSERT_EQ(DecideAndRecord(store, policy, person, nullptr, touch, at)->outcome, Outcome::kSend);
  }
  // Only touches the 1-day window can still see are kept.
  EXPECT_LE(store.Find(person.id)->touches().size(), 2u);
}

}  // namespace
}  // namespace tact
