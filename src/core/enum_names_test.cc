#include "core/enum_names.h"

#include <gtest/gtest.h>

#include "core/channel.h"
#include "core/consent.h"
#include "core/decision.h"
#include "core/kind.h"

namespace tact {
namespace {

enum class Fruit { kApple, kPear };

TEST(EnumNamesTest, NamesParsesAndListsFromOneTable) {
  constexpr EnumNames<Fruit, 2> kFruit({"apple", "pear"});
  static_assert(kFruit.Name(Fruit::kPear) == "pear");
  static_assert(kFruit.Parse("apple") == Fruit::kApple);
  EXPECT_EQ(kFruit.Parse("Apple"), std::nullopt);
  EXPECT_EQ(kFruit.Parse(""), std::nullopt);
  EXPECT_EQ(kFruit.List(), "apple, pear");
}

TEST(EnumNamesTest, EveryWireNameRoundTrips) {
  for (Channel channel : kAllChannels) EXPECT_EQ(ParseChannel(ChannelName(channel)), channel);
  for (int kind = 0; kind < kKindCount; ++kind) {
    EXPECT_EQ(ParseKind(KindName(static_cast<Kind>(kind))), static_cast<Kind>(kind));
  }
  for (Outcome outcome : {Outcome::kSend, Outcome::kDefer, Outcome::kSuppress}) {
    EXPECT_EQ(ParseOutcome(OutcomeName(outcome)), outcome);
  }
  EXPECT_EQ(ChannelNamesList(), "email, sms, push, call, social, direct_mail");
  EXPECT_EQ(ParseConsent(""), Consent::kUnknown);
  EXPECT_EQ(ParseConsent(ConsentName(Consent::kOptedOut)), Consent::kOptedOut);
  EXPECT_EQ(ParseConsent("yes"), std::nullopt);
}

}  // namespace
}  // namespace tact
