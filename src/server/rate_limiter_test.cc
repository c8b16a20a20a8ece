#include "server/rate_limiter.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1'800'000'000);

TEST(RateLimiterTest, AllowsMaxPerWindowPerKey) {
  RateLimiter limiter(2, absl::Minutes(1), 10);
  EXPECT_TRUE(limiter.Allow("a", kStart));
  EXPECT_TRUE(limiter.Allow("a", kStart + absl::Seconds(10)));
  EXPECT_FALSE(limiter.Allow("a", kStart + absl::Seconds(59)));
  EXPECT_TRUE(limiter.Allow("b", kStart + absl::Seconds(59)));
  EXPECT_TRUE(limiter.Allow("a", kStart + absl::Minutes(1)));  // a new window
}

TEST(RateLimiterTest, RefusesNewKeysWhileFullAndForgetsEndedWindows) {
  RateLimiter limiter(5, absl::Minutes(1), 2);
  EXPECT_TRUE(limiter.Allow("a", kStart));
  EXPECT_TRUE(limiter.Allow("b", kStart));
  EXPECT_FALSE(limiter.Allow("c", kStart + absl::Seconds(30)));
  EXPECT_TRUE(limiter.Allow("a", kStart + absl::Seconds(30)));  // known keys still count
  EXPECT_TRUE(limiter.Allow("c", kStart + absl::Minutes(1)));
}

}  // namespace
}  // namespace tact
