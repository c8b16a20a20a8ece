#include "rules/region_rule.h"

#include <gtest/gtest.h>

#include "engine/decide.h"
#include "rules/explain.h"
#include "testing/fixtures.h"
#include "testing/rule_test.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

class RegionRuleTest : public RuleTest {
 protected:
  RegionRuleTest()
      : RuleTest("[relevance]\nmax_event_distance_km = 504\nevent_region = \"subcontinent\"\n") {
    person_.country = "DE";
    person_.location = GeoPoint{52.5200, 13.4050};  // Berlin
  }
  Decision Invite(const std::string& country, std::optional<GeoPoint> point) {
    touch_ = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T10:00:00Z"));
    touch_.event_location = EventLocation{country, point};
    return Ask(touch_);
  }
  std::string Message(const Decision& decision) { return Sentence(decision.reasons.at(0), touch_); }
  Touch touch_;
};

TEST_F(RegionRuleTest, DistanceEdge) {
  // Berlin to Munich is 504.2 km: just beyond 504, within 505.
  const Decision munich = Invite("DE", GeoPoint{48.1374, 11.5755});
  ASSERT_EQ(munich.outcome, Outcome::kSuppress);
  EXPECT_EQ(munich.reasons[0].rule, "relevance.region");
  EXPECT_EQ(Message(munich),
            "The event is 504 km from this person, farther than the policy's 504 km.");
  policy_ =
      PolicyFrom("[relevance]\nmax_event_distance_km = 505\nevent_region = \"subcontinent\"\n");
  EXPECT_EQ(Invite("DE", GeoPoint{48.1374, 11.5755}).outcome, Outcome::kSend);
}

TEST_F(RegionRuleTest, RegionEdges) {
  // Vienna (Western Europe, 524 km) is beyond the distance; without points only regions count.
  EXPECT_EQ(Invite("AT", std::nullopt).outcome, Outcome::kSend);  // Western Europe
  EXPECT_EQ(Invite("NL", std::nullopt).outcome, Outcome::kSend);  // Western Europe
  const Decision london = Invite("GB", std::nullopt);             // Northern Europe
  ASSERT_EQ(london.outcome, Outcome::kSuppress);
  EXPECT_EQ(Message(london),
            "The event is in United Kingdom (Northern Europe); this person is in Western Europe, "
            "and the policy invites people only to events in their own subcontinent.");
  policy_ = PolicyFrom("[relevance]\nevent_region = \"continent\"\n");
  EXPECT_EQ(Invite("GB", std::nullopt).outcome, Outcome::kSend);      // both Europe
  EXPECT_EQ(Invite("BR", std::nullopt).outcome, Outcome::kSuppress);  // the Americas
  policy_ = PolicyFrom("[relevance]\nevent_region = \"country\"\n");
  EXPECT_EQ(Invite("AT", std::nullopt).outcome, Outcome::kSuppress);
  // Unknown on either side passes.
  person_.country.clear();
  EXPECT_EQ(Invite("BR", std::nullopt).outcome, Outcome::kSend);
}

TEST_F(RegionRuleTest, TransactionalTouchesAndTouchesWithoutAnEventPass) {
  touch_ = MakeTouch(Channel::kEmail, Kind::kTransactional, T("2027-03-02T10:00:00Z"));
  touch_.event_location = EventLocation{"BR", GeoPoint{-23.55, -46.63}};
  EXPECT_EQ(Ask(touch_).outcome, Outcome::kSend);
  touch_ = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T10:00:00Z"));
  EXPECT_EQ(Ask(touch_).outcome, Outcome::kSend);
}

}  // namespace
}  // namespace tact
