#include "rules/gap.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

class GapTest : public RuleTest {
 protected:
  GapTest()
      : RuleTest(R"(
[[gap]]
scope = "all"
min = "20h"
[[gap]]
scope = "sms"
min = "3d"
)") {}
  Decision DecideAt(absl::Time at, Channel channel = Channel::kEmail) {
    return Ask(MakeTouch(channel, Kind::kPromotional, at));
  }
};

TEST_F(GapTest, DefersUntilTheGapHasPassed) {
  history_.Record(Past(T("2027-03-01T10:00:00Z")));
  const Decision early = DecideAt(T("2027-03-02T05:59:00Z"));
  EXPECT_EQ(early.outcome, Outcome::kDefer);
  EXPECT_EQ(early.not_before, T("2027-03-02T06:00:00Z"));
  EXPECT_EQ(early.reasons.at(0).rule, "gap.all");
  EXPECT_EQ(early.reasons.at(0).window, absl::Hours(20));
  EXPECT_EQ(DecideAt(T("2027-03-02T06:00:00Z")).outcome, Outcome::kSend);
}

TEST_F(GapTest, AppliesBothWaysAroundScheduledTouches) {
  history_.Record(Past(T("2027-03-05T10:00:00Z")));
  // 19 hours before an already booked touch is too close as well.
  const Decision before = DecideAt(T("2027-03-04T15:00:00Z"));
  EXPECT_EQ(before.outcome, Outcome::kDefer);
  EXPECT_EQ(before.not_before, T("2027-03-06T06:00:00Z"));
  EXPECT_EQ(DecideAt(T("2027-03-04T14:00:00Z")).outcome, Outcome::kSend);
}

TEST_F(GapTest, ChannelGapIgnoresOtherChannels) {
  history_.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kEmail));
  const Decision sms = DecideAt(T("2027-03-02T10:00:00Z"), Channel::kSms);
  EXPECT_EQ(sms.outcome, Outcome::kSend);
  history_.Record(Past(T("2027-03-02T10:00:00Z"), Channel::kSms));
  const Decision again = DecideAt(T("2027-03-04T10:00:00Z"), Channel::kSms);
  EXPECT_EQ(again.outcome, Outcome::kDefer);
  EXPECT_EQ(again.reasons.at(0).rule, "gap.sms");
  EXPECT_EQ(again.not_before, T("2027-03-05T10:00:00Z"));
}

}  // namespace
}  // namespace tact
