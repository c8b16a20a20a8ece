#include "rules/control_rule.h"

#include <gtest/gtest.h>

#include <string>

#include "core/holdout.h"
#include "engine/decide.h"
#include "policy/policy_loader.h"
#include "rules/explain.h"
#include "testing/fixtures.h"

namespace tact {
namespace {

using namespace testing;  // testing/fixtures.h

const char* kPolicy = R"(
[control]
holdout = 0.1
teams = { growth = 0.2 }
salt = "2027"
)";

Decision Ask(const Policy& policy, const std::string& person_id, Kind kind,
             const std::string& team) {
  Person person = PersonIn("Europe/Berlin");
  person.id = person_id;
  Touch touch = MakeTouch(Channel::kEmail, kind, T("2027-03-02T10:00:00Z"));
  touch.person_id = person_id;
  touch.team = team;
  return Decide(policy, person, nullptr, History{}, touch, *touch.at);
}

// The first person id (p-0, p-1, …) that `want` says yes to.
std::string First(bool (*want)(const std::string& id)) {
  for (int i = 0;; ++i) {
    const std::string id = "p-" + std::to_string(i);
    if (want(id)) return id;
  }
}

TEST(ControlRuleTest, TheCompanyWideGroupGetsNoPromotionalOrColdTouchFromAnyone) {
  const Policy policy = PolicyFrom(kPolicy);
  const std::string held =
      First([](const std::string& id) { return InHoldout("2027", "", id, 0.1); });
  const Decision decision = Ask(policy, held, Kind::kPromotional, "marketing");
  ASSERT_EQ(decision.outcome, Outcome::kSuppress);
  ASSERT_EQ(decision.reasons.size(), 1u);
  EXPECT_EQ(decision.reasons[0].rule, "control.holdout");
  EXPECT_TRUE(decision.reasons[0].detail.empty());
  EXPECT_EQ(Ask(policy, held, Kind::kCold, "sales").outcome, Outcome::kSuppress);
  // What they asked for, and what every customer gets, still goes.
  EXPECT_EQ(Ask(policy, held, Kind::kRelationship, "marketing").outcome, Outcome::kSend);
  EXPECT_EQ(Ask(policy, held, Kind::kTransactional, "billing").outcome, Outcome::kSend);
  Person person = PersonIn("Europe/Berlin");
  person.id = held;
  const std::string sentence = Explain(
      decision.reasons[0],
      ExplainContext{policy, person, nullptr,
                     MakeTouch(Channel::kEmail, Kind::kPromotional, T("2027-03-02T10:00:00Z"))});
  EXPECT_EQ(sentence,
            "This person is in the control group (10 % of people, drawn by the policy) that gets "
            "no promotional touches, so that the mirror can show what those touches add.");
}

TEST(ControlRuleTest, ATeamsGroupIsHeldOutOfThatTeamsTouchesOnly) {
  const Policy policy = PolicyFrom(kPolicy);
  const std::string held = First([](const std::string& id) {
    return !InHoldout("2027", "", id, 0.1) && InHoldout("2027", "growth", id, 0.2);
  });
  const Decision decision = Ask(policy, held, Kind::kPromotional, "growth");
  ASSERT_EQ(decision.outcome, Outcome::kSuppress);
  EXPECT_EQ(decision.reasons[0].detail, "growth");
  EXPECT_EQ(Ask(policy, held, Kind::kPromotional, "marketing").outcome, Outcome::kSend);
  const std::string treated = First([](const std::string& id) {
    return !InHoldout("2027", "", id, 0.1) && !InHoldout("2027", "growth", id, 0.2);
  });
  EXPECT_EQ(Ask(policy, treated, Kind::kPromotional, "growth").outcome, Outcome::kSend);
}

TEST(ControlRuleTest, TheGroupsHoldTheirShareOfPeople) {
  const Policy policy = PolicyFrom(kPolicy);
  int held = 0;
  for (int i = 0; i < 10000; ++i) {
    held += Ask(policy, "p-" + std::to_string(i), Kind::kCold, "").outcome == Outcome::kSuppress;
  }
  EXPECT_NEAR(held, 1000, 5 * 30);
}

TEST(ControlRuleTest, TheSectionIsCheckedAtLoad) {
  const auto errors = [](const std::string& toml) {
    auto policy = LoadPolicyFromString(toml, "p.toml");
    return policy.ok() ? std::string() : std::string(policy.status().message());
  };
  EXPECT_NE(errors("[control]\nholdout = 0.8\n")
                .find("control.holdout: must be a share from 0 "
                      "to 0.5"),
            std::string::npos);
  EXPECT_NE(errors("[control]\nsalt = \"x\"\n").find("control: holds out no one"),
            std::string::npos);
  EXPECT_NE(errors("[control]\nteams = { growth = \"a lot\" }\n").find("control.teams.growth"),
            std::string::npos);
  EXPECT_NE(errors("[control]\nholdout = 0.1\nkinds = [\"spam\"]\n").find("control.kinds"),
            std::string::npos);
  const Policy only_cold = PolicyFrom("[control]\nholdout = 0.5\nkinds = [\"cold\"]\n");
  EXPECT_TRUE(only_cold.control.kinds.Contains(Kind::kCold));
  EXPECT_FALSE(only_cold.control.kinds.Contains(Kind::kPromotional));
}

}  // namespace
}  // namespace tact
