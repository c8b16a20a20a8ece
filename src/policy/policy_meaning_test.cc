#include "policy/policy_meaning.h"

#include <gtest/gtest.h>

#include "absl/strings/str_replace.h"
#include "policy/policy_loader.h"

namespace tact {
namespace {

Policy Load(absl::string_view text) {
  auto policy = LoadPolicyFromString(text, "p.toml");
  EXPECT_TRUE(policy.ok()) << policy.status();
  return *std::move(policy);
}

std::string Default() { return std::string(DefaultPolicyText()); }

TEST(PolicyMeaningTest, CommentsLayoutAndSpellingsOfTheSameValueChangeNothing) {
  const std::string text = Default();
  std::string rewritten = absl::StrReplaceAll(
      text, {{"window = \"7d\"", "window = \"1w\""}, {"min = \"20h\"", "min   =   \"1200m\""}});
  rewritten = "# a new comment\n" + rewritten;
  ASSERT_NE(rewritten, text);
  EXPECT_TRUE(DiffPolicies(Load(text), Load(rewritten)).empty());
}

TEST(PolicyMeaningTest, EveryChangeIsNamedByItsRuleWithBeforeAndAfter) {
  const std::string text = Default();
  const std::string changed = absl::StrReplaceAll(
      text,
      {{"weekdays = \"20:00-09:00\"", "weekdays = \"19:00-09:00\""},
       {"[[gap]]\nscope = \"all\"\nmin = \"20h\"\n", "[[gap]]\nscope = \"sms\"\nmin = \"2d\"\n"},
       {"cold = 0.34", "cold = 0.25"}});
  ASSERT_NE(changed, text);
  const std::vector<PolicyChange> changes = DiffPolicies(Load(text), Load(changed));
  ASSERT_EQ(changes.size(), 4u);
  EXPECT_EQ(changes[0].subject, "gap.all");
  EXPECT_EQ(changes[0].type, PolicyChange::Type::kRemoved);
  EXPECT_EQ(changes[0].before, "touches across all channels at least 20h apart");
  EXPECT_EQ(changes[1].subject, "gap.sms");
  EXPECT_EQ(changes[1].type, PolicyChange::Type::kAdded);
  EXPECT_EQ(changes[1].after, "touches on sms at least 2d apart");
  EXPECT_EQ(changes[2].subject, "quiet_hours");
  EXPECT_EQ(changes[2].type, PolicyChange::Type::kChanged);
  EXPECT_NE(changes[2].before.find("quiet 20:00-09:00 on weekdays"), std::string::npos);
  EXPECT_NE(changes[2].after.find("quiet 19:00-09:00 on weekdays"), std::string::npos);
  EXPECT_EQ(changes[3].subject, "tiers.cold");
  EXPECT_EQ(changes[3].before, "cold touches may use 34 % of every budget");
  EXPECT_EQ(changes[3].after, "cold touches may use 25 % of every budget");
}

TEST(PolicyMeaningTest, ASectionLeftOutIsARuleRemoved) {
  const Policy empty = Load("");
  const std::vector<PolicyChange> changes = DiffPolicies(Load(Default()), empty);
  const auto find = [&](absl::string_view subject) {
    for (const PolicyChange& change : changes) {
      if (change.subject == subject) return change.type;
    }
    return PolicyChange::Type::kAdded;
  };
  EXPECT_EQ(find("budget.all.7d"), PolicyChange::Type::kRemoved);
  EXPECT_EQ(find("quiet_hours"), PolicyChange::Type::kRemoved);
  EXPECT_EQ(find("consent.email"), PolicyChange::Type::kRemoved);
  EXPECT_EQ(find("kinds.cold"), PolicyChange::Type::kChanged);
  // Every subject of the default policy is described once, in order.
  const std::vector<PolicyStatement> statements = DescribePolicy(Load(Default()));
  EXPECT_GT(statements.size(), 40u);
  for (size_t i = 1; i < statements.size(); ++i) {
    EXPECT_LT(statements[i - 1].subject, statements[i].subject);
  }
}

}  // namespace
}  // namespace tact
