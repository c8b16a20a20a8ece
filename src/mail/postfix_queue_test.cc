#include "mail/postfix_queue.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

TEST(PostfixQueueTest, OnlyLettersAndDigitsAreQueueIds) {
  EXPECT_TRUE(IsPostfixQueueId("4XyZ1b2c3dz9"));
  EXPECT_TRUE(IsPostfixQueueId("D2F7C1A3B4"));
  EXPECT_FALSE(IsPostfixQueueId(""));
  EXPECT_FALSE(IsPostfixQueueId("-d"));
  EXPECT_FALSE(IsPostfixQueueId("ALL"));
  EXPECT_FALSE(IsPostfixQueueId("4AbC 12"));
  EXPECT_FALSE(IsPostfixQueueId(std::string(33, 'A')));
}

}  // namespace
}  // namespace tact
