// Opening tact's state on a real Redis Cluster: the format stamp and the
// configuration advice.
#include "redis_state/redis_state.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cluster_harness.h"
#include "redis_state/redis_format.h"

namespace tact {
namespace {

RedisStateOptions Options() {
  RedisStateOptions options;
  options.cluster = testing::SharedRedisCluster().options();
  return options;
}

TEST(RedisStateTest, AnEmptyClusterIsStampedWithTheFormatAndAnotherFormatIsRefused) {
  std::unique_ptr<redis::ClusterClient> client =
      *redis::ClusterClient::Connect(testing::SharedRedisCluster().options());
  ASSERT_TRUE(client->RunOnEveryMaster({"FLUSHALL"}).ok());
  const std::string key = redis_format::kFormatKey;
  ASSERT_TRUE(RedisState::Open(Options()).ok());
  EXPECT_EQ(client->Run({key, {"GET", key}})->text, redis_format::kFormat);
  ASSERT_TRUE(RedisState::Open(Options()).ok());  // its own format: opens again

  ASSERT_TRUE(client->Run({key, {"SET", key, "1"}}).ok());
  const absl::StatusOr<std::unique_ptr<RedisState>> refused = RedisState::Open(Options());
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(refused.status())) << refused.status();
  EXPECT_NE(refused.status().message().find("format 1"), std::string::npos) << refused.status();
  EXPECT_NE(refused.status().message().find("tact admin migrate"), std::string::npos);
  EXPECT_EQ(client->Run({key, {"GET", key}})->text, "1");  // left as it was
  ASSERT_TRUE(client->Run({key, {"DEL", key}}).ok());
}

TEST(RedisStateTest, ASmallListpackLimitIsReportedAsAdvice) {
  std::unique_ptr<redis::ClusterClient> client =
      *redis::ClusterClient::Connect(testing::SharedRedisCluster().options());
  {
    std::unique_ptr<RedisState> state = *RedisState::Open(Options());
    EXPECT_TRUE(state->advice().empty());  // the test cluster is configured as advised
  }
  ASSERT_TRUE(client->RunOnEveryMaster({"CONFIG", "SET", "hash-max-listpack-value", "64"}).ok());
  std::unique_ptr<RedisState> state = *RedisState::Open(Options());
  ASSERT_TRUE(client->RunOnEveryMaster({"CONFIG", "SET", "hash-max-listpack-value", "512"}).ok());
  ASSERT_EQ(state->advice().size(), state->client().slot_map()->masters().size());
  EXPECT_NE(state->advice()[0].find("hash-max-listpack-value 64"), std::string::npos)
      << state->advice()[0];
}

}  // namespace
}  // namespace tact
