// The first answers to checks on a real Redis Cluster, shared by two nodes.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include "cluster_harness.h"
#include "redis_state/redis_check_answers.h"
#include "redis_state/redis_format.h"

namespace tact {
namespace {

std::unique_ptr<redis::ClusterClient> Connect() {
  return *redis::ClusterClient::Connect(testing::SharedRedisCluster().options());
}

CheckAnswer Sent(const std::string& touch_id) {
  CheckAnswer answer;
  answer.decision = "send";
  answer.touch_id = touch_id;
  answer.person_id = "ana";
  answer.reason = "a sentence, with ünïcode";
  return answer;
}

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);

TEST(RedisCheckAnswersTest, AnAnswerGivenOnOneNodeIsTheAnswerOnTheOther) {
  std::unique_ptr<redis::ClusterClient> a = Connect(), b = Connect();
  RedisCheckAnswers node_a(*a, {.window = absl::Seconds(60)}), node_b(*b, {});
  const std::string send = "braze\nspring\nana\ndispatch-1";
  const std::string key = redis_format::CheckAnswerKey("ana", send);
  a->Run({key, {"DEL", key}}).IgnoreError();
  EXPECT_FALSE(node_a.Claim("ana", send, kNow).value().has_value());
  ASSERT_TRUE(node_a.Give("ana", send, Sent("t_1"), kNow).ok());
  std::optional<CheckAnswer> first = node_b.Claim("ana", send, kNow).value();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->touch_id, "t_1");
  EXPECT_EQ(first->reason, "a sentence, with ünïcode");
  const int64_t ttl_ms = a->Run({key, {"PTTL", key}})->integer;
  EXPECT_GT(ttl_ms, 55'000);
  EXPECT_LE(ttl_ms, 60'000);
  EXPECT_EQ(a->Run({key, {"CLUSTER", "KEYSLOT", key}})->integer,
            b->Run({key, {"CLUSTER", "KEYSLOT", redis_format::RecordsKey("ana")}})->integer);
}

TEST(RedisCheckAnswersTest, AHeldTouchsAnswerKeepsItsHoldIdAndOthersStayReadableByOlderNodes) {
  std::unique_ptr<redis::ClusterClient> a = Connect();
  RedisCheckAnswers node(*a, {});
  const std::string held = "braze\nspring\nana\ndispatch-held", sent = "braze\nspring\nana\nd-2";
  for (const std::string* send : {&held, &sent}) {
    const std::string key = redis_format::CheckAnswerKey("ana", *send);
    a->Run({key, {"DEL", key}}).IgnoreError();
    EXPECT_FALSE(node.Claim("ana", *send, kNow).value().has_value());
  }
  CheckAnswer deferred = Sent("");
  deferred.decision = "defer";
  deferred.held_id = "h_00000000000000a1";
  ASSERT_TRUE(node.Give("ana", held, deferred, kNow).ok());
  ASSERT_TRUE(node.Give("ana", sent, Sent("t_2"), kNow).ok());
  EXPECT_EQ(node.Claim("ana", held, kNow).value()->held_id, "h_00000000000000a1");
  EXPECT_EQ(node.Claim("ana", sent, kNow).value()->held_id, "");
  // The version byte: 3 only for the held one, 2 (what the release before reads) otherwise.
  const std::string held_key = redis_format::CheckAnswerKey("ana", held);
  const std::string sent_key = redis_format::CheckAnswerKey("ana", sent);
  EXPECT_EQ(a->Run({held_key, {"GET", held_key}})->text[0], 3);
  EXPECT_EQ(a->Run({sent_key, {"GET", sent_key}})->text[0], 2);
}

TEST(RedisCheckAnswersTest, ConcurrentRendersOnTwoNodesAreDecidedOnce) {
  std::unique_ptr<redis::ClusterClient> a = Connect(), b = Connect();
  RedisCheckAnswers node_a(*a, {}), node_b(*b, {});
  const std::string send = "braze\nspring\nbo\ndispatch-2";
  const std::string key = redis_format::CheckAnswerKey("bo", send);
  a->Run({key, {"DEL", key}}).IgnoreError();
  std::atomic<int> deciders{0}, repeats{0};
  std::vector<std::thread> renders;
  for (int i = 0; i < 8; ++i) {
    renders.emplace_back([&, i] {
      RedisCheckAnswers& node = i % 2 ? node_a : node_b;
      std::optional<CheckAnswer> first = node.Claim("bo", send, kNow).value();
      if (first) {
        if (first->touch_id == "t_2") ++repeats;
        return;
      }
      ++deciders;
      absl::SleepFor(absl::Milliseconds(50));
      ASSERT_TRUE(node.Give("bo", send, Sent("t_2"), kNow).ok());
    });
  }
  for (std::thread& render : renders) render.join();
  EXPECT_EQ(deciders.load(), 1);
  EXPECT_EQ(repeats.load(), 7);
}

TEST(RedisCheckAnswersTest, ADroppedOrAbandonedClaimIsDecidedAgain) {
  std::unique_ptr<redis::ClusterClient> a = Connect();
  RedisCheckAnswers node(*a, {.wait = absl::Milliseconds(200)});
  const std::string send = "zapier\nwebinar\ncy\n";
  const std::string key = redis_format::CheckAnswerKey("cy", send);
  a->Run({key, {"DEL", key}}).IgnoreError();
  EXPECT_FALSE(node.Claim("cy", send, kNow).value().has_value());
  node.Drop("cy", send);
  EXPECT_FALSE(node.Claim("cy", send, kNow).value().has_value());  // freed at once
  // The claimant dies: after its lease, the next caller decides.
  const absl::Time asked = absl::Now();
  EXPECT_FALSE(node.Claim("cy", send, kNow).value().has_value());
  EXPECT_GE(absl::Now() - asked, absl::Milliseconds(150));
}

}  // namespace
}  // namespace tact
