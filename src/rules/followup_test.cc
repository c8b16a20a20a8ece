#include "rules/followup.h"

#include <gtest/gtest.h>

#include "core/minutes.h"
#include "engine/decide.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

class FollowupTest : public RuleTest {
 protected:
  FollowupTest()
      : RuleTest(R"(
[kinds]
cold = { requires_icp = false }
[followups]
max_unanswered = 2
min_gap = "3d"
memory = "60d"
)") {}
  Decision DecideAt(absl::Time at, const std::string& thread, Kind kind = Kind::kCold) {
    return Ask(MakeTouch(Channel::kEmail, kind, at, "sdr@x", thread));
  }
};

TEST_F(FollowupTest, StopsAThreadAfterTheLimitWithoutReply) {
  history_.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kEmail, Kind::kCold, "sdr@x", "t1"));
  EXPECT_EQ(DecideAt(T("2027-03-04T10:00:00Z"), "t1").outcome, Outcome::kSend);
  history_.Record(Past(T("2027-03-04T10:00:00Z"), Channel::kEmail, Kind::kCold, "sdr@x", "t1"));
  const Decision third = DecideAt(T("2027-03-07T10:00:00Z"), "t1");
  EXPECT_EQ(third.outcome, Outcome::kSuppress);
  ASSERT_EQ(third.reasons.size(), 1u);
  EXPECT_EQ(third.reasons[0].rule, "followup.unanswered");
  EXPECT_EQ(third.reasons[0].count, 2);
  EXPECT_EQ(third.reasons[0].limit, 2);
  // Another thread is unaffected.
  EXPECT_EQ(DecideAt(T("2027-03-07T10:00:00Z"), "t2").outcome, Outcome::kSend);
}

TEST_F(FollowupTest, AReplyReopensTheThread) {
  history_.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kEmail, Kind::kCold, "sdr@x", "t1"));
  history_.Record(Past(T("2027-03-04T10:00:00Z"), Channel::kEmail, Kind::kCold, "sdr@x", "t1"));
  history_.RecordReply(ToMinute(T("2027-03-05T08:00:00Z")));
  EXPECT_EQ(DecideAt(T("2027-03-07T10:00:00Z"), "t1").outcome, Outcome::kSend);
}

TEST_F(FollowupTest, ThreadsAreForgottenAfterTheirMemory) {
  history_.Record(Past(T("2027-01-01T10:00:00Z"), Channel::kEmail, Kind::kCold, "sdr@x", "t1"));
  history_.Record(Past(T("2027-01-04T10:00:00Z"), Channel::kEmail, Kind::kCold, "sdr@x", "t1"));
  EXPECT_EQ(DecideAt(T("2027-03-05T10:00:00Z"), "t1").outcome, Outcome::kSend);
}

TEST_F(FollowupTest, StepsKeepTheirGap) {
  history_.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kEmail, Kind::kCold, "sdr@x", "t1"));
  const Decision early = DecideAt(T("2027-03-03T10:00:00Z"), "t1");
  EXPECT_EQ(early.outcome, Outcome::kDefer);
  EXPECT_EQ(early.reasons.at(0).rule, "followup.gap");
  EXPECT_EQ(early.not_before, T("2027-03-04T10:00:00Z"));
  EXPECT_EQ(DecideAt(T("2027-03-04T10:00:00Z"), "t1").outcome, Outcome::kSend);
}

TEST_F(FollowupTest, KindsWithoutFollowupsAreExempt) {
  history_.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kEmail, Kind::kTransactional, "", "t1"));
  history_.Record(Past(T("2027-03-01T11:00:00Z"), Channel::kEmail, Kind::kTransactional, "", "t1"));
  EXPECT_EQ(DecideAt(T("2027-03-01T12:00:00Z"), "t1", Kind::kTransactional).outcome,
            Outcome::kSend);
}

}  // namespace
}  // namespace tact
