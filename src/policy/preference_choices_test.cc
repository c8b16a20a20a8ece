#include "policy/preference_choices.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
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

const Minute kAt = ToMinute(absl::FromUnixSeconds(1'800'000'000));

PreferencePolicy Offered() {
  absl::StatusOr<Policy> policy = LoadPolicyFromString(kPolicy, "test.toml");
  EXPECT_TRUE(policy.ok()) << policy.status();
  return policy->preferences;
}

std::string Problem(const PreferenceChange& change) {
  return std::string(CheckPreferenceChange(Offered(), change, kAt).message());
}

TEST(PreferenceChoicesTest, TakesWhatThePolicyOffersAndClearingEachPart) {
  PreferenceChange change;
  change.frequency = "weekly";
  change.topics = std::vector<std::string>{"events"};
  change.languages = std::vector<std::string>{"de-AT", "pt_BR"};
  change.paused_until = kAt + 4 * 7 * 24 * 60;  // the longest pause, exactly
  EXPECT_TRUE(CheckPreferenceChange(Offered(), change, kAt).ok());
  PreferenceChange cleared;
  cleared.frequency = "";
  cleared.topics = std::vector<std::string>{};
  cleared.paused_until = Preferences::kNotPaused;
  EXPECT_TRUE(CheckPreferenceChange(Offered(), cleared, kAt).ok());
}

TEST(PreferenceChoicesTest, RefusesAPauseAMinuteLongerThanTheLongest) {
  PreferenceChange change;
  change.paused_until = kAt + 4 * 7 * 24 * 60 + 1;
  EXPECT_EQ(Problem(change),
            "paused_until: 2027-02-12T08:01:00Z is more than the policy's longest pause (28d) "
            "away; pause until 2027-02-12T08:00:00Z at the latest");
}

TEST(PreferenceChoicesTest, NamesEachUnknownChoiceWithTheNearestOffered) {
  PreferenceChange change;
  change.frequency = "weakly";
  change.topics = std::vector<std::string>{"event", "cats"};
  change.languages = std::vector<std::string>{"German"};
  EXPECT_EQ(Problem(change),
            "frequency: 'weakly' is not one of the policy's frequency choices (did you mean "
            "'weekly'?); choose from weekly; "
            "topics: 'event' is not one of the policy's topics (did you mean 'events'?); choose "
            "from product, events; "
            "topics: 'cats' is not one of the policy's topics; choose from product, events; "
            "languages: 'German' is not a BCP 47 language tag (e.g. en, de-AT, pt-BR); did you "
            "mean 'de'?");
}

TEST(PreferenceChoicesTest, RefusesMoreLanguagesThanAPersonReads) {
  PreferenceChange change;
  change.languages = std::vector<std::string>(kMaxPreferredLanguages + 1, "en");
  EXPECT_EQ(Problem(change), "languages: names 11 languages; at most 10");
}

TEST(PreferenceChoicesTest, APolicyWithoutPreferencesKeepsNone) {
  PreferenceChange change;
  change.frequency = "";
  const absl::Status status = CheckPreferenceChange(PreferencePolicy{}, change, kAt);
  EXPECT_TRUE(absl::IsFailedPrecondition(status)) << status;
}

TEST(PreferenceChoicesTest, ATouchTopicIsOneThePolicyNamesOrAnyWhenItNamesNone) {
  EXPECT_EQ(TouchTopicProblem(Offered(), "events"), "");
  EXPECT_EQ(TouchTopicProblem(Offered(), "evnts"),
            "'evnts' is not one of the policy's topics (did you mean 'events'?); choose from "
            "product, events");
  EXPECT_EQ(TouchTopicProblem(PreferencePolicy{}, "anything"), "");
}

TEST(PreferenceLabelsTest, NameTheTopicsAndChoicesInEachLanguage) {
  absl::StatusOr<Policy> policy = LoadPolicyFromString(
      absl::StrCat(kPolicy, "[preferences.labels]\n",
                   "events = { en = \"Events\", de-AT = \"Veranstaltungen\" }\n",
                   "weekly = { fr = \"Chaque semaine\" }\n"),
      "test.toml");
  ASSERT_TRUE(policy.ok()) << policy.status();
  const PreferencePolicy& preferences = policy->preferences;
  EXPECT_EQ(preferences.LabelOf("events", "de"), "Veranstaltungen");
  EXPECT_EQ(preferences.LabelOf("events", "pt"), "Events");  // English, failing all else
  EXPECT_EQ(preferences.LabelOf("weekly", "fr"), "Chaque semaine");
  EXPECT_EQ(preferences.LabelOf("weekly", "de"), "At most once a week");  // its own label
  EXPECT_EQ(preferences.LabelOf("product", "de"), "product");
}

TEST(PreferenceLabelsTest, RefuseUnknownIdsLanguagesAndEmptyLabels) {
  const absl::StatusOr<Policy> policy = LoadPolicyFromString(
      absl::StrCat(kPolicy, "[preferences.labels]\n", "evnts = { en = \"Events\" }\n",
                   "events = { German = \"Veranstaltungen\", en = \"\" }\n"),
      "test.toml");
  ASSERT_FALSE(policy.ok());
  const std::string message(policy.status().message());
  EXPECT_NE(message.find("preferences.labels.evnts: is neither one of the topics nor a frequency "
                         "choice's id"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("preferences.labels.events.German: 'German' is not a BCP 47"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("preferences.labels.events.en: must be a label"), std::string::npos)
      << message;
}

}  // namespace
}  // namespace tact
