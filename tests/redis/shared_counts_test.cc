// Counts shared by two nodes on a real Redis Cluster.
#include "redis_state/shared_counts.h"

#include <gtest/gtest.h>

#include <memory>

#include "cluster_harness.h"
#include "redis/slot.h"
#include "redis_state/count_cells.h"

namespace tact {
namespace {

// Now: the shared keys expire at absolute times after what they count.
const Minute kNow = ToMinute(absl::Now());

class SharedCountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ = *redis::ClusterClient::Connect(testing::SharedRedisCluster().options());
    ASSERT_TRUE(client_->RunOnEveryMaster({"FLUSHALL"}).ok());
  }
  // A node that flushes only when told to (Sync).
  std::unique_ptr<SharedCounts> Node() {
    SharedCounts::Options options;
    options.flush_interval = absl::Hours(1);
    auto node = std::make_unique<SharedCounts>(*client_, options);
    EXPECT_TRUE(node->Start().ok());
    return node;
  }
  static Decision Sent() {
    Decision decision;
    decision.outcome = Outcome::kSend;
    return decision;
  }
  std::unique_ptr<redis::ClusterClient> client_;
};

TEST_F(SharedCountsTest, EachNodeSeesTheOthersCountsAfterTheyFlushAndItsOwnAtOnce) {
  std::unique_ptr<SharedCounts> a = Node(), b = Node();
  const MirrorSource source{"growth", "spring", "ana@acme.example", "hub", Channel::kEmail};
  a->reputation().CountSend("spring", "acme.example", kNow);
  a->reputation().CountComplaint("spring", "acme.example", kNow);
  b->reputation().CountSend("spring", "", kNow);
  a->templates().Add(0xfeed, kNow);
  b->templates().Add(0xfeed, kNow);
  b->templates().Add(0xfeed, kNow);
  a->mirror().CountDecision(source, DayOfMinute(kNow), Sent(), {});
  b->mirror().CountDecision(source, DayOfMinute(kNow), Sent(), {});
  b->mirror().CountOutcome(source, DayOfMinute(kNow), Measure::kReplied);

  EXPECT_EQ(a->templates().Count(0xfeed, kNow, 1), 1);  // its own, before any flush
  ASSERT_TRUE(a->Sync().ok());
  ASSERT_TRUE(b->Sync().ok());
  ASSERT_TRUE(a->Sync().ok());  // reads b's

  ComplaintGuard guard;
  guard.min_sent = 1;
  for (SharedCounts* node : {a.get(), b.get()}) {
    const Signals signals = node->reputation().SignalsFor("spring", "acme.example", guard, kNow);
    ASSERT_TRUE(signals.campaign.has_value());
    EXPECT_EQ(signals.campaign->sent, 2);
    EXPECT_EQ(signals.campaign->complaints, 1);
    EXPECT_EQ(signals.domain->sent, 1);
    EXPECT_EQ(node->templates().Count(0xfeed, kNow, 1), 3);
    const std::vector<MirrorDay> days = node->mirror().ByDay(MirrorFilter{});
    ASSERT_EQ(days.size(), 1u);
    EXPECT_EQ(days[0].counts[Measure::kSent], 2);
    EXPECT_EQ(days[0].counts[Measure::kReplied], 1);
  }
  EXPECT_EQ(a->stats().entries_read, 1);
  EXPECT_EQ(b->stats().entries_read, 1);
}

TEST_F(SharedCountsTest, ANewNodeStartsFromTheTotalsAndTheEntriesWrittenWhileItRead) {
  std::unique_ptr<SharedCounts> a = Node();
  for (int i = 0; i < 5; ++i) a->templates().Add(0xbeef, kNow);
  ASSERT_TRUE(a->Sync().ok());
  a->templates().Add(0xbeef, kNow);
  ASSERT_TRUE(a->Sync().ok());
  std::unique_ptr<SharedCounts> late = Node();
  EXPECT_EQ(late->templates().Count(0xbeef, kNow, 1), 6);  // each counted once
  a->templates().Add(0xbeef, kNow);
  ASSERT_TRUE(a->Sync().ok());
  ASSERT_TRUE(late->Sync().ok());
  EXPECT_EQ(late->templates().Count(0xbeef, kNow, 1), 7);
}

TEST_F(SharedCountsTest, TheSharedKeysExpireAfterWhatTheyCount) {
  std::unique_ptr<SharedCounts> a = Node();
  a->templates().Add(0xcafe, kNow);
  ASSERT_TRUE(a->Sync().ok());
  const std::string key =
      absl::StrCat(count_cells::kTag, count_cells::TemplateKey(DayOfMinute(kNow)));
  const int64_t expires_at = client_->Run({key, {"PEXPIRETIME", key}})->integer;
  EXPECT_EQ(expires_at, *count_cells::ExpiresAtMs(count_cells::TemplateKey(DayOfMinute(kNow))));
}

TEST_F(SharedCountsTest, CountsTheClusterRefusedAreSentWithTheNextFlush) {
  std::unique_ptr<SharedCounts> node = Node();
  node->templates().Add(0xd00d, kNow);
  // The master of the counts' slot is out of memory: it refuses writes.
  const redis::Endpoint master = client_->slot_map()->MasterOf(redis::SlotOf(count_cells::kTag));
  ASSERT_TRUE(client_->RunOn(master, {"CONFIG", "SET", "maxmemory", "1"}).ok());
  const absl::Status refused = node->Sync();
  ASSERT_TRUE(client_->RunOn(master, {"CONFIG", "SET", "maxmemory", "0"}).ok());
  EXPECT_TRUE(absl::IsUnavailable(refused)) << refused;
  EXPECT_EQ(node->stats().kept_for_retry, 1);
  ASSERT_TRUE(node->Sync().ok());
  EXPECT_EQ(node->stats().flushes, 1);
  EXPECT_EQ(Node()->templates().Count(0xd00d, kNow, 1), 1);  // sent once, counted once
}

}  // namespace
}  // namespace tact
