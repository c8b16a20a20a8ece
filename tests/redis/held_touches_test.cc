// Touches held for tools on a real Redis Cluster, shared by two nodes: each
// due one is leased to one node at a time.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "cluster_harness.h"
#include "redis_state/redis_held_touches.h"

namespace tact {
namespace {

std::unique_ptr<redis::ClusterClient> Connect() {
  return *redis::ClusterClient::Connect(testing::SharedRedisCluster().options());
}

const absl::Time kNow = absl::FromUnixSeconds(1'900'000'000);

HeldTouch Due(uint64_t id, HeldState state = HeldState::kHeld) {
  HeldTouch held;
  held.id = id;
  held.touch.person_id = "ana";
  held.state = state;
  held.held_at = held.changed_at = kNow - absl::Hours(1);
  held.due = kNow - absl::Minutes(1);
  held.expires = absl::InfiniteFuture();
  return held;
}

class RedisHeldTouchesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(a_->RunOnEveryMaster({"FLUSHALL"}).ok()); }
  std::unique_ptr<redis::ClusterClient> a_ = Connect(), b_ = Connect();
};

TEST_F(RedisHeldTouchesTest, ADueTouchIsLeasedToOneNodeUntilItsLeaseEnds) {
  RedisHeldTouches node_a(*a_, absl::Milliseconds(300)), node_b(*b_, absl::Milliseconds(300));
  ASSERT_TRUE(node_a.Put(Due(1)).ok());
  ASSERT_TRUE(node_a.Put(Due(2)).ok());
  const std::vector<HeldTouch> to_a = node_a.Due(kNow, 1).value();
  ASSERT_EQ(to_a.size(), 1u);
  const std::vector<HeldTouch> to_b = node_b.Due(kNow, 10).value();
  ASSERT_EQ(to_b.size(), 1u);
  EXPECT_NE(to_a[0].id, to_b[0].id);
  EXPECT_TRUE(node_a.Due(kNow, 10).value().empty());
  EXPECT_TRUE(node_b.Due(kNow, 10).value().empty());
  // Node a stops before releasing its touch: b takes it once the lease ends.
  absl::SleepFor(absl::Milliseconds(400));
  EXPECT_EQ(node_b.Due(kNow, 10).value().size(), 2u);
}

TEST_F(RedisHeldTouchesTest, ARetryByHandIsDueAtOnceDespiteAnEarlierLease) {
  RedisHeldTouches node_a(*a_), node_b(*b_);
  HeldTouch held = Due(7, HeldState::kCalling);
  ASSERT_TRUE(node_a.Put(held).ok());
  ASSERT_EQ(node_a.Due(kNow, 10).value().size(), 1u);  // leased for 5 minutes
  held.state = HeldState::kDead;
  ASSERT_TRUE(node_a.Put(held).ok());
  held.state = HeldState::kCalling;  // POST /v1/held/{id}/retry on node b
  ASSERT_TRUE(node_b.Put(held).ok());
  EXPECT_EQ(node_a.Due(kNow, 10).value().size(), 1u);
}

TEST_F(RedisHeldTouchesTest, AFailedCallbacksRetryIsDueForAnyNodeAtItsTime) {
  RedisHeldTouches node_a(*a_), node_b(*b_);
  HeldTouch held = Due(8);
  ASSERT_TRUE(node_a.Put(held).ok());
  ASSERT_EQ(node_a.Due(kNow, 10).value().size(), 1u);
  held.state = HeldState::kCalling;  // released: its callback next, still leased
  held.changed_at = held.due = kNow;
  ASSERT_TRUE(node_a.Put(held).ok());
  EXPECT_TRUE(node_b.Due(kNow, 10).value().empty());
  held.attempts = 1;  // the callback failed: tried again in 30 s
  held.due = kNow + absl::Seconds(30);
  ASSERT_TRUE(node_a.Put(held).ok());
  EXPECT_TRUE(node_b.Due(kNow, 10).value().empty());
  EXPECT_EQ(node_b.Due(kNow + absl::Seconds(30), 10).value().size(), 1u);
}

TEST_F(RedisHeldTouchesTest, DueReturnsAtMostItsCapSoARoundFitsTheLease) {
  RedisHeldTouches node(*a_);
  for (uint64_t id = 1; id <= RedisHeldTouches::kMaxDue + 5; ++id) {
    ASSERT_TRUE(node.Put(Due(id)).ok());
  }
  EXPECT_EQ(node.Due(kNow, 1000).value().size(), RedisHeldTouches::kMaxDue);
  EXPECT_EQ(node.Due(kNow, 1000).value().size(), 5u);
}

}  // namespace
}  // namespace tact
