#include "mail/mail_gate.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

TEST(ReplyLineTest, AReplyIsOneAsciiLineOfBoundedLength) {
  EXPECT_EQ(ReplyLine("tact: Ana heard\r\nfrom us twice"), "tact: Ana heard  from us twice");
  // One '?' per character that is not ASCII, and none for control bytes' neighbours.
  EXPECT_EQ(ReplyLine("J\xC3\xBCrgen \xE2\x80\x94 done\x01"), "J?rgen ? done?");
  EXPECT_EQ(ReplyLine(std::string(1000, 'a'), 400).size(), 400u);
}

}  // namespace
}  // namespace tact
