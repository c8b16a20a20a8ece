#include "codec/decision_json.h"

#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>

#include <string>

#include "engine/decide.h"
#include "policy/policy_loader.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

// A deferred touch under the default policy: reasons with sentences and
// every budget of its scope listed.
struct Deferred {
  Policy policy = PolicyFrom(std::string(DefaultPolicyText()));
  Person person = PersonIn("Europe/Berlin");
  History history;
  Touch touch = MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T21:00:00Z"));
  Decision decision;
  Deferred() {
    history.Record(Past(T("2027-03-01T10:00:00Z")));
    history.Record(Past(T("2027-03-02T10:00:00Z")));
    decision = Decide(policy, person, nullptr, history, touch, *touch.at);
  }
  std::string Json(const DecisionJsonOptions& options) const {
    rapidjson::StringBuffer buffer;
    JsonWriter writer(buffer);
    WriteDecisionJson(writer, decision, ExplainContext{policy, person, nullptr, touch}, "t_1", "",
                      "", "", {}, options);
    return JsonText(buffer);
  }
};

TEST(DecisionJsonTest, BudgetsMadeOncePerPolicyWriteWhatTheMembersWould) {
  const Deferred deferred;
  ASSERT_EQ(deferred.decision.outcome, Outcome::kDefer);
  ASSERT_GE(deferred.decision.budgets.size(), 3u);
  const BudgetsJson budgets(deferred.policy);
  EXPECT_EQ(deferred.Json({.explain = true, .budgets = &budgets}), deferred.Json({}));
}

TEST(DecisionJsonTest, WithoutExplainingReasonsKeepTheirRulesAndNumbers) {
  const Deferred deferred;
  std::string told = deferred.Json({});
  const std::string terse = deferred.Json({.explain = false});
  EXPECT_EQ(terse.find("\"message\""), std::string::npos) << terse;
  EXPECT_NE(told.find("\"message\""), std::string::npos) << told;
  // Taking each sentence out of the full answer gives the terse one.
  for (size_t at = told.find(",\"message\":\""); at != std::string::npos;
       at = told.find(",\"message\":\"")) {
    const size_t end = told.find('"', at + 12);
    told.erase(at, end + 1 - at);
  }
  EXPECT_EQ(told, terse);
}

}  // namespace
}  // namespace tact
