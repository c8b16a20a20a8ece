#include "server/preference_page.h"

#include <gtest/gtest.h>

#include "policy/policy_loader.h"

namespace tact {
namespace {

constexpr char kPolicy[] = R"(
[preferences]
topics = ["events"]
[preferences.labels]
events = { en = "Events <& talks>", de = "Veranstaltungen" }
[preferences.pause]
max = "4w"
suppress = ["promotional"]
defer = []
)";

class PreferencePageTest : public ::testing::Test {
 protected:
  PreferencePageView View(absl::string_view language) {
    PreferencePageView view;
    view.language = std::string(language);
    view.action = "/v1/preferences/t?lang=" + view.language;
    view.link_token = "t";
    view.form_token = "1.f";
    view.policy = &policy_->preferences;
    view.profile_languages = {"ja"};
    view.now = absl::FromUnixSeconds(1'800'000'000);
    return view;
  }
  absl::StatusOr<Policy> policy_ = LoadPolicyFromString(kPolicy, "test.toml");
};

TEST_F(PreferencePageTest, SpeaksTheReadersLanguageAndEscapesThePolicysLabels) {
  const std::string en = RenderPreferencePage(PreferenceCatalogue::BuiltIn(), View("en"));
  EXPECT_NE(en.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(en.find("<label for=\"topic-events\">Events &lt;&amp; talks&gt;</label>"),
            std::string::npos);
  const std::string de = RenderPreferencePage(PreferenceCatalogue::BuiltIn(), View("de"));
  EXPECT_NE(de.find(">Veranstaltungen</label>"), std::string::npos);
  EXPECT_NE(de.find("<label for=\"language-ja\">Japanisch</label>"), std::string::npos);
}

TEST_F(PreferencePageTest, OffersBreaksUpToThePolicysLongestAndSaysWhatTheyDo) {
  const std::string page = RenderPreferencePage(PreferenceCatalogue::BuiltIn(), View("en"));
  EXPECT_NE(page.find("id=\"pause-4\""), std::string::npos);
  EXPECT_EQ(page.find("id=\"pause-8\""), std::string::npos);
  EXPECT_NE(page.find("During a break, these are not sent: Offers and news."), std::string::npos);
  EXPECT_EQ(page.find("These wait until the break ends"), std::string::npos);
}

TEST_F(PreferencePageTest, ListsEachProblemAsALinkToItsField) {
  PreferencePageView view = View("en");
  view.problems = {{"channel", "Where: choose at least one"}};
  const std::string page = RenderPreferencePage(PreferenceCatalogue::BuiltIn(), view);
  EXPECT_NE(page.find("role=\"alert\""), std::string::npos);
  EXPECT_NE(page.find("<a href=\"#channel\">Where: choose at least one</a>"), std::string::npos);
  EXPECT_NE(page.find("<fieldset id=\"channel\">"), std::string::npos);
}

}  // namespace
}  // namespace tact
