// RedisPersistence on a real Redis Cluster: an urgent change waits for the
// replica of the master it was written to.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cluster_harness.h"
#include "redis/slot.h"
#include "redis_state/redis_persistence.h"

namespace tact {
namespace {

// The port of the replica of the master that serves `key`.
int ReplicaOf(redis::ClusterClient& client, const testing::RedisClusterProcesses& cluster,
              const std::string& key) {
  const redis::Endpoint master = client.slot_map()->MasterOf(redis::SlotOf(key));
  const std::string nodes = cluster.Cli(absl::StrCat("-p ", master.port, " CLUSTER NODES"));
  std::string master_id;
  for (absl::string_view line : absl::StrSplit(nodes, '\n')) {
    if (absl::StrContains(line, "myself")) master_id = std::string(line.substr(0, line.find(' ')));
  }
  for (absl::string_view line : absl::StrSplit(nodes, '\n')) {
    std::vector<absl::string_view> fields = absl::StrSplit(line, ' ');
    if (fields.size() > 3 && fields[3] == master_id) {
      const absl::string_view address = fields[1].substr(0, fields[1].find('@'));
      int port = 0;
      if (absl::SimpleAtoi(address.substr(address.rfind(':') + 1), &port)) return port;
    }
  }
  ADD_FAILURE() << "no replica of " << master.ToString() << " in\n" << nodes;
  return 0;
}

absl::Status WaitFor(RedisPersistence& persistence) {
  absl::Status result = absl::InternalError("WhenDurable did not answer");
  persistence.WhenDurable(0, Urgency::kAlways, [&](absl::Status status) { result = status; });
  return result;
}

// A replica that cannot acknowledge for longer than one WAIT step (a
// replica's periodic acknowledgement comes at most a second late): the
// answer waits for it, within wait_timeout.
TEST(RedisPersistenceTest, AnOptOutWaitsForALateReplicaWithinTheTimeout) {
  testing::RedisClusterProcesses& cluster = testing::SharedRedisCluster();
  std::unique_ptr<redis::ClusterClient> client = *redis::ClusterClient::Connect(cluster.options());
  RedisPersistence persistence(*client, /*wait_replicas=*/1, absl::Milliseconds(2000));
  const std::string key = "{late-replica}opt-out";
  const int replica = ReplicaOf(*client, cluster, key);
  std::thread sleeper([&] { cluster.Cli(absl::StrCat("-p ", replica, " DEBUG SLEEP 0.9")); });
  absl::SleepFor(absl::Milliseconds(100));  // the replica is asleep
  ASSERT_TRUE(client->Run({key, {"SET", key, "opted_out"}}).ok());
  const absl::Time start = absl::Now();
  EXPECT_TRUE(WaitFor(persistence).ok());
  EXPECT_GT(absl::Now() - start, absl::Milliseconds(500));  // longer than one WAIT step
  sleeper.join();
}

TEST(RedisPersistenceTest, AReplicaLaterThanTheTimeoutIsAnUnavailableAnswerNamingTheMaster) {
  testing::RedisClusterProcesses& cluster = testing::SharedRedisCluster();
  std::unique_ptr<redis::ClusterClient> client = *redis::ClusterClient::Connect(cluster.options());
  RedisPersistence persistence(*client, /*wait_replicas=*/1, absl::Milliseconds(300));
  const std::string key = "{asleep-replica}opt-out";
  const int replica = ReplicaOf(*client, cluster, key);
  std::thread sleeper([&] { cluster.Cli(absl::StrCat("-p ", replica, " DEBUG SLEEP 1")); });
  absl::SleepFor(absl::Milliseconds(100));
  ASSERT_TRUE(client->Run({key, {"SET", key, "opted_out"}}).ok());
  const absl::Status status = WaitFor(persistence);
  EXPECT_TRUE(absl::IsUnavailable(status)) << status;
  const redis::Endpoint master = client->slot_map()->MasterOf(redis::SlotOf(key));
  EXPECT_TRUE(absl::StrContains(status.message(), master.ToString())) << status;
  EXPECT_TRUE(absl::StrContains(status.message(), "0 of 1 replicas")) << status;
  sleeper.join();
}

}  // namespace
}  // namespace tact
