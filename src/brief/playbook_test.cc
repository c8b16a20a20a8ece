#include "brief/playbook.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tact {
namespace {

using ::testing::HasSubstr;

TEST(Playbook, TheDefaultLoadsAndAdvisesOnEverySignal) {
  const auto loaded = LoadPlaybookFromString(DefaultPlaybookText(), "examples/playbook.toml");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  for (int i = 0; i < kSignalCount; ++i) {
    const SignalAdvice& advice = loaded->signals[i];
    EXPECT_FALSE(advice.general.means.empty()) << SignalName(static_cast<SignalId>(i));
    EXPECT_FALSE(advice.general.questions.empty()) << SignalName(static_cast<SignalId>(i));
  }
  EXPECT_EQ(loaded->thresholds.z_distress, 1.1);
  EXPECT_EQ(loaded->top_questions, 3);
  EXPECT_EQ(DefaultPlaybook().roles.size(), loaded->roles.size());
}

TEST(Playbook, MatchesAPersonsRoleByIdOrPhraseAsWholeWords) {
  const Playbook& playbook = DefaultPlaybook();
  const auto id_of = [&](absl::string_view role) {
    const PlaybookRole* found = playbook.RoleFor(role);
    return found ? found->id : std::string("(none)");
  };
  EXPECT_EQ(id_of("CFO"), "cfo");
  EXPECT_EQ(id_of("VP Finance"), "cfo");
  EXPECT_EQ(id_of("Chief Technology Officer"), "cio");
  EXPECT_EQ(id_of("IT Director"), "cio");
  EXPECT_EQ(id_of("Head of Sales, EMEA"), "sales");
  EXPECT_EQ(id_of("Editor"), "(none)");  // "it" is a whole word only
  EXPECT_EQ(id_of(""), "(none)");
}

TEST(Playbook, ReportsEveryProblemWithItsLine) {
  constexpr absl::string_view kBroken = R"([thresholds]
revenue_decline = 1
z_distress = 3.0
[roles.cfo]
title = "CFO"
[signals."revenue.declinng"]
means = "x"
[signals."revenue.slowing"]
questions = ["why?"]
[signals."revenue.slowing".cto]
means = "y"
)";
  const auto loaded = LoadPlaybookFromString(kBroken, "playbook.toml");
  ASSERT_FALSE(loaded.ok());
  const std::string message(loaded.status().message());
  EXPECT_THAT(message, HasSubstr("playbook.toml:2:1: thresholds.revenue_decline: unknown key (did "
                                 "you mean 'revenue_decline_pct'?)"));
  EXPECT_THAT(message, HasSubstr("thresholds.z_distress: must be below z_safe"));
  EXPECT_THAT(message, HasSubstr("playbook.toml:6:10: signals.revenue.declinng: not a signal tact "
                                 "reads (did you mean 'revenue.declining'?)"));
  EXPECT_THAT(message, HasSubstr("signals.revenue.slowing.means: is required"));
  EXPECT_THAT(message, HasSubstr("signals.revenue.slowing.cto: not a role declared in [roles]"));
}

TEST(Playbook, ThresholdsOutOfRangeAreRefused) {
  const auto loaded = LoadPlaybookFromString("[thresholds]\ncash_fall_pct = 150\n", "p.toml");
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(loaded.status().message(), HasSubstr("p.toml:2:17: thresholds.cash_fall_pct"));
}

}  // namespace
}  // namespace tact
