// The touch ledger on a real Redis Cluster, shared by two nodes.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "cluster_harness.h"
#include "redis_state/redis_format.h"
#include "redis_state/redis_store.h"
#include "redis_state/redis_touch_ledger.h"
#include "redis_state/slot_tags.h"
#include "testing/ledger_entries.h"

namespace tact {
namespace {

std::unique_ptr<redis::ClusterClient> Connect() {
  return *redis::ClusterClient::Connect(testing::SharedRedisCluster().options());
}

TEST(RedisTouchLedgerTest, AnEntryIsFoundByItsIdAndExpiresWithTheRetention) {
  std::unique_ptr<redis::ClusterClient> client = Connect();
  RedisTouchLedger ledger(*client);
  const uint64_t id = redis_format::TouchIdInSlot(PersonSlot("ada"), 7);
  ASSERT_TRUE(
      ledger.Add(id, testing::SampleLedgerEntry("ada", 1000), /*oldest_kept=*/1000 - 60).ok());
  std::optional<LedgerEntry> found = ledger.Find(id).value();
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->person_id, "ada");
  EXPECT_EQ(found->campaign, "spring");
  EXPECT_EQ(found->team, "growth");
  const std::string key = redis_format::LedgerKey(id);
  const int64_t ttl_ms = client->Run({key, {"PTTL", key}})->integer;
  EXPECT_GT(ttl_ms, 59 * 60 * 1000);
  EXPECT_LE(ttl_ms, 60 * 60 * 1000);
  EXPECT_FALSE(ledger.Find(id + 1).value().has_value());
  EXPECT_FALSE(ledger.MarkOutcome(id + 1, EventType::kOpened).value().has_value());
}

TEST(RedisTouchLedgerTest, MarkOutcomeReturnsTheEntryAsItWasBefore) {
  std::unique_ptr<redis::ClusterClient> client = Connect();
  RedisTouchLedger ledger(*client);
  const uint64_t id = redis_format::TouchIdInSlot(PersonSlot("bo"), 8);
  ASSERT_TRUE(ledger.Add(id, testing::SampleLedgerEntry("bo", 500), kNever).ok());
  std::optional<LedgerEntry> first = ledger.MarkOutcome(id, EventType::kClicked).value();
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(first->Has(EventType::kClicked));
  std::optional<LedgerEntry> second = ledger.MarkOutcome(id, EventType::kComplained).value();
  EXPECT_TRUE(second->Has(EventType::kClicked));
  EXPECT_FALSE(second->Has(EventType::kComplained));
  std::optional<LedgerEntry> now = ledger.Find(id).value();
  EXPECT_TRUE(now->Has(EventType::kClicked));
  EXPECT_TRUE(now->Has(EventType::kComplained));
  EXPECT_EQ(now->person_id, "bo");  // the rest of the entry is untouched
  const std::string key = redis_format::LedgerKey(id);
  EXPECT_EQ(client->Run({key, {"PTTL", key}})->integer, -1);  // kNever: kept
}

// Entries of one bucket share its key: the bucket lives as long as the
// longest-kept of them, and for good once one is kept for good.
TEST(RedisTouchLedgerTest, ABucketExpiresWithTheLastOfItsEntries) {
  std::unique_ptr<redis::ClusterClient> client = Connect();
  RedisTouchLedger ledger(*client);
  const uint64_t first = redis_format::TouchIdInSlot(PersonSlot("eve"), uint64_t{3} << 20);
  const std::string key = redis_format::LedgerKey(first);
  client->Run({key, {"DEL", key}}).IgnoreError();
  const auto ttl_minutes = [&] {
    const int64_t ms = client->Run({key, {"PTTL", key}})->integer;
    return ms < 0 ? ms : (ms + 30'000) / 60'000;
  };
  const auto add = [&](uint64_t id, Minute kept_for) {
    ASSERT_TRUE(ledger
                    .Add(id, testing::SampleLedgerEntry("eve", 10'000),
                         kept_for == kNever ? kNever : 10'000 - kept_for)
                    .ok());
  };
  add(first, 60);
  EXPECT_EQ(ttl_minutes(), 60);
  add(first + 1, 120);
  EXPECT_EQ(ttl_minutes(), 120);
  add(first + 2, 30);  // never earlier
  EXPECT_EQ(ttl_minutes(), 120);
  add(first + 3, kNever);
  EXPECT_EQ(ttl_minutes(), -1);
  add(first + 4, 30);  // an entry kept for good keeps the bucket
  EXPECT_EQ(ttl_minutes(), -1);
  EXPECT_EQ(client->Run({key, {"HLEN", key}})->integer, 5);
  for (uint64_t id = first; id < first + 5; ++id) {
    EXPECT_EQ(ledger.Find(id).value()->person_id, "eve");
  }
}

// A node's touch ids fill a bucket, and move to the next one when its span
// ends, so that a bucket holds about one span's touches.
TEST(RedisTouchLedgerTest, TouchIdsMoveToANewBucketWhenTheSpanEnds) {
  std::unique_ptr<redis::ClusterClient> client = Connect();
  PersonRecords records(*client, {});
  RedisStore store(records, absl::Milliseconds(50));
  const uint64_t first = store.NewTouchId("fay");
  const uint64_t second = store.NewTouchId("fay");
  EXPECT_EQ(redis_format::SlotOfTouchId(first), PersonSlot("fay"));
  EXPECT_NE(second, first);
  EXPECT_EQ(redis_format::LedgerKey(second), redis_format::LedgerKey(first));
  absl::SleepFor(absl::Milliseconds(60));
  const uint64_t later = store.NewTouchId("fay");
  EXPECT_NE(redis_format::LedgerKey(later), redis_format::LedgerKey(first));
  EXPECT_EQ(redis_format::LedgerField(later), "0");  // the new bucket's first id
  EXPECT_NE(store.NewTouchId("fay"), later);
}

// Two nodes report the same click at once: one of them sees it first.
TEST(RedisTouchLedgerTest, OfConcurrentReportsFromTwoNodesExactlyOneIsFirst) {
  std::unique_ptr<redis::ClusterClient> a = Connect(), b = Connect();
  RedisTouchLedger ledger_a(*a), ledger_b(*b);
  for (int round = 0; round < 10; ++round) {
    const uint64_t id = redis_format::TouchIdInSlot(PersonSlot("cy"), 100 + round);
    ASSERT_TRUE(ledger_a.Add(id, testing::SampleLedgerEntry("cy", 1), kNever).ok());
    std::atomic<int> first{0};
    std::vector<std::thread> reports;
    for (int i = 0; i < 20; ++i) {
      reports.emplace_back([&, i] {
        std::optional<LedgerEntry> before =
            (i % 2 ? ledger_a : ledger_b).MarkOutcome(id, EventType::kClicked).value();
        if (before && !before->Has(EventType::kClicked)) ++first;
      });
    }
    for (std::thread& report : reports) report.join();
    EXPECT_EQ(first.load(), 1);
  }
}

TEST(RedisTouchLedgerTest, AClusterThatDoesNotAnswerIsAnErrorNeverAnUnknownTouch) {
  std::unique_ptr<redis::ClusterClient> pauser = Connect();
  redis::ClusterOptions options = testing::SharedRedisCluster().options();
  options.command_timeout = absl::Milliseconds(100);
  std::unique_ptr<redis::ClusterClient> client = *redis::ClusterClient::Connect(options);
  RedisTouchLedger ledger(*client);
  const uint64_t id = redis_format::TouchIdInSlot(PersonSlot("dee"), 9);
  // Every master holds every command for half a second.
  ASSERT_TRUE(pauser->RunOnEveryMaster({"CLIENT", "PAUSE", "500", "ALL"}).ok());
  EXPECT_FALSE(ledger.Add(id, testing::SampleLedgerEntry("dee", 1), kNever).ok());
  const absl::StatusOr<std::optional<LedgerEntry>> found = ledger.Find(id);
  ASSERT_FALSE(found.ok());
  EXPECT_TRUE(absl::IsDeadlineExceeded(found.status()) || absl::IsUnavailable(found.status()))
      << found.status();
  absl::SleepFor(absl::Milliseconds(600));
  // Once the cluster answers again, so does the ledger.
  ASSERT_TRUE(ledger.Add(id, testing::SampleLedgerEntry("dee", 1), kNever).ok());
  EXPECT_TRUE(ledger.Find(id).value().has_value());
}

}  // namespace
}  // namespace tact
