// The shared policy on a real Redis Cluster.
#include <gtest/gtest.h>

#include <memory>

#include "cluster_harness.h"
#include "redis_state/redis_persistence.h"
#include "redis_state/redis_shared_policy.h"

namespace tact {
namespace {

TEST(RedisSharedPolicyTest, APublishedPolicyIsReadOnceByEachVersionBehindIt) {
  std::unique_ptr<redis::ClusterClient> client =
      *redis::ClusterClient::Connect(testing::SharedRedisCluster().options());
  ASSERT_TRUE(client->RunOnEveryMaster({"FLUSHALL"}).ok());
  RedisPersistence persistence(*client, /*wait_replicas=*/1, absl::Milliseconds(1200));
  RedisSharedPolicy policy(*client, persistence);
  EXPECT_FALSE(policy.NewerThan(0).value().has_value());  // none published

  const int64_t first = policy.Publish("[[budget]]\nmax = 1\n", "PUT /v1/policy").value();
  const int64_t second = policy.Publish("[[budget]]\nmax = 2\n", "/etc/tact/policy.toml").value();
  EXPECT_EQ(second, first + 1);
  const std::optional<SharedPolicy::Published> newest = policy.NewerThan(first).value();
  ASSERT_TRUE(newest.has_value());
  EXPECT_EQ(newest->version, second);
  EXPECT_EQ(newest->text, "[[budget]]\nmax = 2\n");
  EXPECT_EQ(newest->origin, "/etc/tact/policy.toml");
  EXPECT_FALSE(policy.NewerThan(second).value().has_value());  // current: nothing to read
}

}  // namespace
}  // namespace tact
