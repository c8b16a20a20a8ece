// The shared policy on a real Redis Cluster.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <thread>
#include <vector>

#include "cluster_harness.h"
#include "redis_state/redis_persistence.h"
#include "redis_state/redis_shared_policy.h"

namespace tact {
namespace {

PolicyVersion Version(const std::string& text, const std::string& origin) {
  return PolicyVersion{0, absl::FromUnixSeconds(1900000000), "ops", origin, text, {}};
}

// Adding a version publishes it: every node behind it reads it once.
TEST(RedisSharedPolicyTest, APublishedPolicyIsReadOnceByEachVersionBehindIt) {
  std::unique_ptr<redis::ClusterClient> client =
      *redis::ClusterClient::Connect(testing::SharedRedisCluster().options());
  ASSERT_TRUE(client->RunOnEveryMaster({"FLUSHALL"}).ok());
  RedisPersistence persistence(*client, /*wait_replicas=*/1, absl::Milliseconds(1200));
  RedisSharedPolicy policy(*client, persistence);
  EXPECT_FALSE(policy.NewerThan(0).value().has_value());  // none published

  const int64_t first = policy.Add(Version("[[budget]]\nmax = 1\n", "PUT /v1/policy")).value();
  const int64_t second =
      policy.Add(Version("[[budget]]\nmax = 2\n", "/etc/tact/policy.toml")).value();
  EXPECT_EQ(second, first + 1);
  const std::optional<SharedPolicy::Published> newest = policy.NewerThan(first).value();
  ASSERT_TRUE(newest.has_value());
  EXPECT_EQ(newest->version, second);
  EXPECT_EQ(newest->text, "[[budget]]\nmax = 2\n");
  EXPECT_EQ(newest->origin, "/etc/tact/policy.toml");
  EXPECT_FALSE(policy.NewerThan(second).value().has_value());  // current: nothing to read
}

// Two nodes adding at once each get a number of their own, and both
// versions are kept; the policy in force is the one added last.
TEST(RedisSharedPolicyTest, NodesAddingAtOnceEachKeepAVersion) {
  std::unique_ptr<redis::ClusterClient> client =
      *redis::ClusterClient::Connect(testing::SharedRedisCluster().options());
  ASSERT_TRUE(client->RunOnEveryMaster({"FLUSHALL"}).ok());
  RedisPersistence persistence(*client, /*wait_replicas=*/1, absl::Milliseconds(1200));
  RedisSharedPolicy first_node(*client, persistence);
  RedisSharedPolicy second_node(*client, persistence);
  std::vector<int64_t> numbers(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      RedisSharedPolicy& node = i % 2 ? first_node : second_node;
      numbers[i] = node.Add(Version("text " + std::to_string(i), "PUT /v1/policy")).value_or(-1);
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::sort(numbers.begin(), numbers.end());
  for (int i = 0; i < 8; ++i) EXPECT_EQ(numbers[i], i + 1);
  const std::vector<PolicyVersion> listed = first_node.List(100, 0).value();
  ASSERT_EQ(listed.size(), 8u);
  EXPECT_EQ(listed.front().version, 8);
  EXPECT_EQ(first_node.NewerThan(7).value()->text, listed.front().text);
}

}  // namespace
}  // namespace tact
