#include "rules/address.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

TEST(AddressTest, AHardBouncedChannelTakesNothingOtherChannelsStillDo) {
  const Policy policy = PolicyFrom("");
  Person person = PersonIn("");
  person.undeliverable.Add(Channel::kEmail);
  const absl::Time at = T("2027-03-02T10:00:00Z");
  for (Kind kind : kAllKinds) {
    const Decision decision =
        Decide(policy, person, nullptr, History{}, MakeTouch(Channel::kEmail, kind, at), at);
    ASSERT_EQ(decision.outcome, Outcome::kSuppress) << KindName(kind);
    EXPECT_EQ(decision.reasons[0].rule, "address.email");
  }
  person.consent[static_cast<int>(Channel::kPush)] = Consent::kOptedIn;
  EXPECT_EQ(Decide(policy, person, nullptr, History{},
                   MakeTouch(Channel::kPush, Kind::kPromotional, at), at)
                .outcome,
            Outcome::kSend);
}

TEST(AddressTest, ATouchOnAListThePersonLeftIsSuppressed) {
  const Policy policy = PolicyFrom("");
  Person person = PersonIn("");
  person.unsubscribed_lists = {"newsletter"};
  const absl::Time at = T("2027-03-02T10:00:00Z");
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, at);
  touch.list = "newsletter";
  const Decision left = Decide(policy, person, nullptr, History{}, touch, at);
  ASSERT_EQ(left.outcome, Outcome::kSuppress);
  EXPECT_EQ(left.reasons[0].rule, "consent.list");
  touch.list = "product-updates";
  EXPECT_EQ(Decide(policy, person, nullptr, History{}, touch, at).outcome, Outcome::kSend);
}

}  // namespace
}  // namespace tact
