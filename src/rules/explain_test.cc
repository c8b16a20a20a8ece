#include "rules/explain.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

const char* kPolicy = R"(
[kinds]
cold = { requires_icp = true }
[[budget]]
scope = "all"
window = "7d"
max = 3
[[budget]]
scope = "call"
window = "7d"
max = 0
[[gap]]
scope = "sms"
min = "20h"
[tiers]
promotional = 0.67
[sender]
window = "7d"
max = 1
[followups]
max_unanswered = 2
min_gap = "3d"
[quiet_hours]
weekdays = "20:00-09:00"
weekends = "all-day"
default_time_zone = "America/New_York"
[consent]
opt_in = [{ channel = "email", countries = ["DE"] }]
[icp]
threshold = 0.6
rules = [
  { attribute = "industry", in = ["software"], weight = 0.5 },
  { attribute = "country", in = ["US"], weight = 0.5 },
]
[health]
hold = ["promotional"]
)";

class ExplainTest : public ::testing::Test {
 protected:
  // Decides `touch` and returns the sentences of its reasons, one per line.
  std::string Sentences(const Touch& touch) {
    const Decision decision = Decide(policy_, person_, account_, history_, touch, *touch.at);
    std::string text;
    for (const Reason& reason : decision.reasons) {
      text += Explain(reason, ExplainContext{policy_, person_, account_, touch}) + "\n";
    }
    return text;
  }
  Touch Email(absl::Time at, Kind kind = Kind::kPromotional) {
    return MakeTouch(Channel::kEmail, kind, at, "ana@acme.example", "");
  }
  Policy policy_ = PolicyFrom(kPolicy);
  Person person_ = PersonIn("Europe/Berlin");
  const Account* account_ = nullptr;
  History history_;
};

TEST_F(ExplainTest, QuietHoursInThePersonsOwnTime) {
  EXPECT_EQ(Sentences(Email(T("2027-03-02T20:30:00Z"))),
            "It is 21:30 on Tuesday for this person (Europe/Berlin); quiet hours for email end "
            "Wednesday at 09:00 their time (2027-03-03 08:00 UTC).\n");
}

TEST_F(ExplainTest, QuietHoursInThePolicyDefaultZone) {
  person_ = PersonIn("");
  EXPECT_EQ(Sentences(Email(T("2027-03-06T15:00:00Z"))),
            "It is 10:00 on Saturday for this person (America/New_York, the policy's default); "
            "quiet hours for email end Monday at 09:00 their time (2027-03-08 14:00 UTC).\n");
}

TEST_F(ExplainTest, BudgetReserveAndSender) {
  history_.Record(
      Past(T("2027-03-01T10:00:00Z"), Channel::kEmail, Kind::kPromotional, "ana@acme.example"));
  history_.Record(Past(T("2027-03-02T10:00:00Z")));
  history_.Record(Past(T("2027-03-03T10:00:00Z"), Channel::kEmail, Kind::kRelationship));
  EXPECT_EQ(Sentences(Email(T("2027-03-04T10:00:00Z"))),
            "This person already has 3 touches across all channels within 7d; the limit is 3. The "
            "next slot opens 2027-03-08 10:00 UTC.\n"
            "The promotional tier may use 2 of the 3 touches per 7d across all channels; the rest "
            "is kept for higher tiers. This person already has 3. Next opening: 2027-03-09 10:00 "
            "UTC.\n"
            "ana@acme.example already has 1 touch with this person within 7d; one sender may make "
            "1. Next opening: 2027-03-08 10:00 UTC.\n");
}

TEST_F(ExplainTest, ZeroBudgetAndGap) {
  person_.consent.fill(Consent::kOptedIn);
  EXPECT_EQ(Sentences(MakeTouch(Channel::kCall, Kind::kRelationship, T("2027-03-02T10:00:00Z"))),
            "The policy allows no touches by call.\n");
  history_.Record(Past(T("2027-03-02T10:00:00Z"), Channel::kSms, Kind::kRelationship));
  EXPECT_EQ(Sentences(MakeTouch(Channel::kSms, Kind::kRelationship, T("2027-03-02T12:00:00Z"))),
            "Touches by sms are kept at least 20h apart; the next may go at 2027-03-03 06:00 UTC.\n"
            "It is 07:00 on Wednesday for this person (Europe/Berlin); quiet hours for sms end "
            "Wednesday at 09:00 their time (2027-03-03 08:00 UTC).\n");
}

TEST_F(ExplainTest, ConsentHealthAndIcp) {
  person_.country = "DE";
  person_.consent.fill(Consent::kUnknown);
  person_.consent[static_cast<int>(Channel::kSms)] = Consent::kOptedOut;
  EXPECT_EQ(Sentences(MakeTouch(Channel::kSms, Kind::kRelationship, T("2027-03-02T10:00:00Z"))),
            "This person opted out of sms.\n");
  EXPECT_EQ(Sentences(Email(T("2027-03-02T10:00:00Z"), Kind::kRelationship)),
            "The policy needs an opt-in for email in DE and this person has not given one.\n");
  person_.consent.fill(Consent::kOptedIn);
  Account account;
  account.industry = "retail";
  account.country = "US";
  account.open_escalations = 2;
  account_ = &account;
  EXPECT_EQ(Sentences(Email(T("2027-03-02T10:00:00Z"))),
            "The account has 2 open escalations; promotional touches wait until it is resolved.\n");
  EXPECT_EQ(Sentences(Email(T("2027-03-02T10:00:00Z"), Kind::kCold)),
            "The account fits the ideal customer profile 0.50, below the 0.60 a cold touch needs "
            "(no match on industry).\n");
  account_ = nullptr;
  EXPECT_EQ(Sentences(Email(T("2027-03-02T10:00:00Z"), Kind::kCold)),
            "Nothing is known about this person's account, so a cold touch cannot be shown to fit "
            "the ideal customer profile.\n");
}

TEST_F(ExplainTest, FollowupsDropAndExpiry) {
  Touch step = MakeTouch(Channel::kEmail, Kind::kRelationship, T("2027-03-02T10:00:00Z"), "", "t1");
  history_.Record(Past(T("2027-03-01T10:00:00Z"), Channel::kEmail, Kind::kRelationship, "", "t1"));
  EXPECT_EQ(
      Sentences(step),
      "Steps of a thread are at least 3d apart; the next step may go at 2027-03-04 10:00 UTC.\n");
  history_.Record(Past(T("2027-03-04T10:00:00Z"), Channel::kEmail, Kind::kRelationship, "", "t1"));
  step.at = T("2027-03-08T10:00:00Z");
  EXPECT_EQ(
      Sentences(step),
      "This thread already has 2 touches without a reply; the policy ends a thread after 2. A "
      "reply from the person reopens it.\n");
  Touch late = Email(T("2027-03-02T20:30:00Z"), Kind::kRelationship);
  late.on_limit = OnLimit::kDrop;
  EXPECT_NE(
      Sentences(late).find("The touch asked to be dropped rather than deferred; it could have "
                           "gone at 2027-03-03 08:00 UTC."),
      std::string::npos);
  late.on_limit = OnLimit::kDefer;
  late.expires = T("2027-03-03T00:00:00Z");
  EXPECT_NE(Sentences(late).find("The earliest allowed time, 2027-03-03 08:00 UTC, is after the "
                                 "touch expires (2027-03-03 00:00 UTC)."),
            std::string::npos);
}

}  // namespace
}  // namespace tact
