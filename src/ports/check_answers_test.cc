#include "ports/check_answers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace tact {
namespace {

const absl::Time kNoon = absl::FromUnixSeconds(1'800'000'000);

CheckAnswer Sent(const std::string& touch_id) {
  CheckAnswer answer;
  answer.decision = "send";
  answer.touch_id = touch_id;
  return answer;
}

TEST(CheckAnswersTest, TheFirstAnswerIsGivenAgainWithinTheWindow) {
  MemoryCheckAnswers answers({.window = absl::Hours(1)});
  EXPECT_FALSE(answers.Claim("p", "braze\nspring\nana\nd-1", kNoon).value().has_value());
  ASSERT_TRUE(answers.Give("p", "braze\nspring\nana\nd-1", Sent("t_1"), kNoon).ok());
  EXPECT_EQ(
      answers.Claim("p", "braze\nspring\nana\nd-1", kNoon + absl::Minutes(59)).value()->touch_id,
      "t_1");
  // Another send, or the same one after the window, is decided anew.
  EXPECT_FALSE(answers.Claim("p", "braze\nspring\nana\nd-2", kNoon).value().has_value());
  EXPECT_FALSE(
      answers.Claim("p", "braze\nspring\nana\nd-1", kNoon + absl::Hours(1)).value().has_value());
}

TEST(CheckAnswersTest, ADroppedClaimLetsTheNextCallerDecide) {
  MemoryCheckAnswers answers({});
  EXPECT_FALSE(answers.Claim("p", "s", kNoon).value().has_value());
  answers.Drop("p", "s");
  EXPECT_FALSE(answers.Claim("p", "s", kNoon).value().has_value());  // not kept waiting
}

// Braze renders a message several times at once: one render decides, the
// others wait for its answer.
TEST(CheckAnswersTest, ConcurrentRendersOfOneSendGetTheFirstAnswer) {
  MemoryCheckAnswers answers({.wait = absl::Seconds(10)});
  std::atomic<int> deciders{0}, repeats{0};
  std::vector<std::thread> renders;
  for (int i = 0; i < 8; ++i) {
    renders.emplace_back([&] {
      if (std::optional<CheckAnswer> first = answers.Claim("p", "s", kNoon).value()) {
        if (first->touch_id == "t_9") ++repeats;
        return;
      }
      ++deciders;
      absl::SleepFor(absl::Milliseconds(20));
      answers.Give("p", "s", Sent("t_9"), kNoon).IgnoreError();
    });
  }
  for (std::thread& render : renders) render.join();
  EXPECT_EQ(deciders.load(), 1);
  EXPECT_EQ(repeats.load(), 7);
}

TEST(CheckAnswersTest, AtCapacityTheOldestAnswersGoFirst) {
  MemoryCheckAnswers answers({.capacity = 2});
  for (const char* send : {"a", "b", "c"}) {
    ASSERT_FALSE(answers.Claim("p", send, kNoon).value().has_value());
    ASSERT_TRUE(answers.Give("p", send, Sent(send), kNoon).ok());
  }
  EXPECT_FALSE(answers.Claim("p", "a", kNoon).value().has_value());
  EXPECT_EQ(answers.Claim("p", "c", kNoon).value()->touch_id, "c");
}

}  // namespace
}  // namespace tact
