#include "server/preference_form.h"

#include <gtest/gtest.h>

#include "policy/policy_loader.h"

namespace tact {
namespace {

constexpr char kPolicy[] = R"(
[preferences]
topics = ["product", "events"]
[[preferences.frequency]]
id = "weekly"
label = "At most once a week"
max = 1
window = "7d"
[preferences.pause]
max = "4w"
)";

const Minute kNow = 29'000'000;

class PreferenceFormTest : public ::testing::Test {
 protected:
  PageForm Read(std::vector<std::pair<std::string, std::string>> fields,
                const Preferences& current = {}) {
    return ReadPageForm(fields, policy_->preferences, current, {"de-AT"}, kNow,
                        PreferenceCatalogue::BuiltIn(), "en");
  }
  absl::StatusOr<Policy> policy_ = LoadPolicyFromString(kPolicy, "test.toml");
};

TEST_F(PreferenceFormTest, AsksOnlyForWhatChanged) {
  // Everything ticked, the profile's language as shown, no break: nothing.
  const PageForm unchanged = Read({{"frequency", ""},
                                   {"channel", "email"},
                                   {"channel", "sms"},
                                   {"channel", "push"},
                                   {"channel", "call"},
                                   {"channel", "social"},
                                   {"channel", "direct_mail"},
                                   {"topic", "product"},
                                   {"topic", "events"},
                                   {"language", "de"},
                                   {"pause", "none"}});
  ASSERT_TRUE(unchanged.problems.empty()) << unchanged.problems[0].message;
  EXPECT_FALSE(unchanged.change.frequency || unchanged.change.channels || unchanged.change.topics ||
               unchanged.change.languages || unchanged.change.paused_until);
  const PageForm changed = Read({{"frequency", "weekly"},
                                 {"channel", "email"},
                                 {"topic", "events"},
                                 {"language", "fr"},
                                 {"pause", "4"}});
  ASSERT_TRUE(changed.problems.empty()) << changed.problems[0].message;
  EXPECT_EQ(*changed.change.frequency, "weekly");
  EXPECT_TRUE(changed.change.channels->Contains(Channel::kEmail));
  EXPECT_FALSE(changed.change.channels->Contains(Channel::kSms));
  EXPECT_EQ(*changed.change.topics, std::vector<std::string>{"events"});
  EXPECT_EQ(*changed.change.languages, std::vector<std::string>{"fr"});
  EXPECT_EQ(*changed.change.paused_until, kNow + 4 * 7 * 24 * 60);  // the longest, exactly
}

TEST_F(PreferenceFormTest, KeepsOrEndsABreakThatHolds) {
  Preferences paused;
  paused.paused_until = kNow + 60;
  const std::vector<std::pair<std::string, std::string>> rest = {{"channel", "email"},
                                                                 {"topic", "events"}};
  auto with = [&](std::string pause) {
    auto fields = rest;
    fields.emplace_back("pause", std::move(pause));
    return Read(fields, paused);
  };
  EXPECT_FALSE(with("keep").change.paused_until.has_value());
  EXPECT_EQ(*with("none").change.paused_until, Preferences::kNotPaused);
  // "keep" when the break ended since the page was shown: nothing to change.
  const PageForm ended = Read({{"channel", "email"}, {"topic", "events"}, {"pause", "keep"}});
  EXPECT_TRUE(ended.problems.empty());
  EXPECT_FALSE(ended.change.paused_until.has_value());
}

TEST_F(PreferenceFormTest, NamesEachFieldItRefuses) {
  const PageForm form = Read({{"frequency", "daily"},
                              {"channel", "fax"},
                              {"topic", "cats"},
                              {"language", "Klingon!"},
                              {"pause", "8"},
                              {"colour", "blue"}});
  std::vector<std::string> fields;
  for (const FormProblem& problem : form.problems) fields.push_back(problem.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"frequency", "channel", "topic", "language", "colour",
                                              "channel", "topic", "pause"}));
  EXPECT_EQ(form.problems.back().message, "Take a break: a break can last at most 4 weeks.");
  EXPECT_EQ(form.problems[1].message, "Where: 'fax' is not one of the choices.");
}

}  // namespace
}  // namespace tact
