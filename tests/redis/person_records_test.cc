// People's records on a real Redis Cluster: compare-and-set between nodes
// (each node is its own client and its own PersonRecords).
#include "redis_state/person_records.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cluster_harness.h"
#include "redis/slot.h"
#include "redis_state/redis_format.h"
#include "redis_state/slot_tags.h"

namespace tact {
namespace {

using testing::RedisClusterProcesses;
using LedgerWrite = PersonRecords::LedgerWrite;

// One tact node's view of the cluster.
struct Node {
  explicit Node(const redis::ClusterOptions& options)
      : client(*redis::ClusterClient::Connect(options)), records(*client, {}) {}
  std::unique_ptr<redis::ClusterClient> client;
  PersonRecords records;
};

TouchRecord Touch(Minute minute) {
  TouchRecord record;
  record.minute = minute;
  return record;
}

class PersonRecordsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { cluster_ = &testing::SharedRedisCluster(); }
  static RedisClusterProcesses* cluster_;
};
RedisClusterProcesses* PersonRecordsTest::cluster_ = nullptr;

TEST_F(PersonRecordsTest, AppliedChangesAreReadBackAndTheVersionGrows) {
  Node node(cluster_->options());
  ASSERT_FALSE(node.records.Get("ada").value().has_value());
  for (int i = 1; i <= 3; ++i) {
    ASSERT_TRUE(node.records
                    .Apply("ada",
                           [&](History& history) -> std::optional<LedgerWrite> {
                             history.Record(Touch(i * 100));
                             return std::nullopt;
                           })
                    .ok());
  }
  std::optional<History> history = node.records.Get("ada").value();
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->touches().size(), 3u);
  EXPECT_EQ(history->touches()[2].minute, 300);
  const std::string key = redis_format::RecordsKey("ada");
  absl::StatusOr<redis::Reply> raw = node.client->Run({key, {"HGET", key, "ada"}});
  EXPECT_EQ(redis_format::RecordVersion(raw->text), 3u);
  // The record lives in the slot of the person's id.
  EXPECT_EQ(node.client->Run({key, {"CLUSTER", "KEYSLOT", key}})->integer, PersonSlot("ada"));
}

TEST_F(PersonRecordsTest, AChangeThatChangesNothingOnAFreshReadWritesNothing) {
  Node node(cluster_->options());
  ASSERT_TRUE(
      node.records.Apply("nobody", [](History&) -> std::optional<LedgerWrite> { return {}; }).ok());
  EXPECT_FALSE(node.records.Get("nobody").value().has_value());
  EXPECT_EQ(node.records.stats().writes, 0);
}

TEST_F(PersonRecordsTest, TheLedgerEntryIsWrittenWithTheHistoryAndExpires) {
  Node node(cluster_->options());
  const uint64_t touch_id = redis_format::TouchIdInSlot(PersonSlot("grace"), 42);
  ASSERT_TRUE(node.records
                  .Apply("grace",
                         [&](History& history) -> std::optional<LedgerWrite> {
                           history.Record(Touch(1));
                           return LedgerWrite{touch_id, "entry-bytes", absl::Hours(1)};
                         })
                  .ok());
  const std::string ledger_key = redis_format::LedgerKey(touch_id);
  EXPECT_EQ(
      node.client->Run({ledger_key, {"HGET", ledger_key, redis_format::LedgerField(touch_id)}})
          ->text,
      "entry-bytes");
  const int64_t ttl_ms = node.client->Run({ledger_key, {"PTTL", ledger_key}})->integer;
  EXPECT_GT(ttl_ms, 3500 * 1000);
  EXPECT_LE(ttl_ms, 3600 * 1000);
}

TEST_F(PersonRecordsTest, ACachedCopySavesTheReadAndAStaleOneIsCorrected) {
  Node a(cluster_->options()), b(cluster_->options());
  auto record_at = [](Minute minute) {
    return [minute](History& history) -> std::optional<LedgerWrite> {
      history.Record(Touch(minute));
      return std::nullopt;
    };
  };
  ASSERT_TRUE(a.records.Apply("lin", record_at(1)).ok());
  ASSERT_TRUE(a.records.Apply("lin", record_at(2)).ok());
  EXPECT_EQ(a.records.stats().reads, 1);  // the second Apply used the cached record
  EXPECT_EQ(a.records.stats().cache_hits, 1);
  ASSERT_TRUE(b.records.Apply("lin", record_at(3)).ok());  // a's copy is now stale
  ASSERT_TRUE(a.records.Apply("lin", record_at(4)).ok());
  EXPECT_EQ(a.records.stats().conflicts, 1);
  std::optional<History> history = b.records.Get("lin").value();
  ASSERT_EQ(history->touches().size(), 4u);  // nothing lost
}

// ApplyAll writes all people with one compare-and-set each, sent together,
// and runs a person's changes again, in order, on what another node wrote
// since this node's copy; the people nobody else changed are not written
// twice.
TEST_F(PersonRecordsTest, ApplyAllWritesOncePerPersonAndRedoesOnlyThoseAnotherNodeChanged) {
  Node a(cluster_->options()), b(cluster_->options());
  const auto record_after_last = [](Minute first) {
    return [first](History& history) -> std::optional<LedgerWrite> {
      history.Record(
          Touch(history.touches().empty() ? first : history.touches().back().minute + 1));
      return std::nullopt;
    };
  };
  const auto at_10 = record_after_last(10), at_20 = record_after_last(20);
  ASSERT_TRUE(a.records.Apply("mia", at_10).ok());  // a caches mia at 10
  ASSERT_TRUE(b.records.Apply("mia", at_20).ok());  // b adds 11: a's copy is stale
  const auto at_100 = record_after_last(100);
  const PersonRecords::Change changes[] = {
      {"mia", at_100}, {"noor", at_100}, {"mia", at_100}, {"olu", at_100}};
  const int64_t writes_before = a.records.stats().writes;
  const std::vector<absl::Status> outcomes = a.records.ApplyAll(changes);
  for (const absl::Status& outcome : outcomes) ASSERT_TRUE(outcome.ok()) << outcome;
  // mia, noor and olu once each, then mia again on b's record.
  EXPECT_EQ(a.records.stats().writes - writes_before, 4);
  EXPECT_EQ(a.records.stats().conflicts, 1);
  const std::optional<History> mia = b.records.Get("mia").value();
  ASSERT_EQ(mia->touches().size(), 4u);  // 10, b's 11, then both changes on it: nothing lost
  EXPECT_EQ(mia->touches()[2].minute, 12);
  EXPECT_EQ(mia->touches()[3].minute, 13);
  EXPECT_EQ(b.records.Get("noor").value()->touches().size(), 1u);
  EXPECT_EQ(b.records.Get("olu").value()->touches().size(), 1u);
}

// Fifty asks for one person at once, spread over two nodes, under a cap of
// one: exactly one records a touch, every round.
TEST_F(PersonRecordsTest, ConcurrentChangesFromTwoNodesNeverBothPass) {
  Node a(cluster_->options()), b(cluster_->options());
  int64_t conflicts = 0;
  for (int round = 0; round < 20; ++round) {
    const std::string person = absl::StrCat("contended-", round);
    std::atomic<int> recorded{0}, failed{0};
    std::vector<std::thread> asks;
    for (int i = 0; i < 50; ++i) {
      PersonRecords& records = (i % 2 == 0 ? a : b).records;
      asks.emplace_back([&, i] {
        bool sent = false;
        absl::Status status =
            records.Apply(person, [&](History& history) -> std::optional<LedgerWrite> {
              sent = history.touches().empty();  // a cap of one
              if (sent) history.Record(Touch(i));
              return std::nullopt;
            });
        if (!status.ok()) {
          ++failed;
          return;
        }
        if (sent) ++recorded;
      });
    }
    for (std::thread& ask : asks) ask.join();
    EXPECT_EQ(recorded.load(), 1) << person;
    EXPECT_EQ(failed.load(), 0) << person;
    EXPECT_EQ(a.records.Get(person).value()->touches().size(), 1u);
  }
  conflicts = a.records.stats().conflicts + b.records.stats().conflicts;
  EXPECT_GT(conflicts, 0);  // the nodes did race
}

}  // namespace
}  // namespace tact
