#include "server/preference_catalogue.h"

#include <gtest/gtest.h>

namespace tact {
namespace {

TEST(PreferenceCatalogueTest, TheBuiltInOneSpeaksFiveLanguagesWithEveryKey) {
  const PreferenceCatalogue& catalogue = PreferenceCatalogue::BuiltIn();
  EXPECT_EQ(catalogue.languages(), (std::vector<std::string>{"en", "de", "fr", "es", "pt"}));
  EXPECT_EQ(catalogue.Text("de", "pause_weeks", {{"weeks", "4"}}), "4 Wochen");
  EXPECT_EQ(catalogue.Text("pt", "language_name"), "Português");
}

std::string Problem(absl::string_view toml) {
  return std::string(PreferenceCatalogue::Parse(toml).status().message());
}

TEST(PreferenceCatalogueTest, RefusesAMissingKeyOrAnotherPlaceholder) {
  EXPECT_EQ(Problem("[en]\na = \"x\"\nb = \"{n} weeks\"\n[de]\na = \"y\"\n"), "de.b: missing");
  EXPECT_EQ(Problem("[en]\nb = \"{n} weeks\"\n[de]\nb = \"{m} Wochen\"\n"),
            "de.b: must use the placeholders of en ('{n} weeks')");
  EXPECT_EQ(Problem("[en]\nb = \"x\"\n[de]\nb = \"y\"\nc = \"z\"\n"), "de: has keys en does not");
  EXPECT_FALSE(PreferenceCatalogue::Parse("[en-GB]\nb = \"x\"\n").ok());
}

TEST(PreferenceCatalogueTest, ChoosesTheFirstWantedLanguageItSpeaks) {
  const PreferenceCatalogue& catalogue = PreferenceCatalogue::BuiltIn();
  EXPECT_EQ(catalogue.Choose({"ja", "pt-BR", "de"}), "pt");
  EXPECT_EQ(catalogue.Choose({"ja"}), "en");
  EXPECT_EQ(catalogue.Choose({}), "en");
}

TEST(PreferenceCatalogueTest, ReadsAcceptLanguageByWeightThenOrder) {
  EXPECT_EQ(AcceptedLanguages("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"),
            (std::vector<std::string>{"fr-CH", "fr", "en", "de"}));
  EXPECT_EQ(AcceptedLanguages("en;q=0.1, es"), (std::vector<std::string>{"es", "en"}));
  EXPECT_EQ(AcceptedLanguages("de;q=0, ;;, pt"), (std::vector<std::string>{"pt"}));
  EXPECT_TRUE(AcceptedLanguages("").empty());
}

}  // namespace
}  // namespace tact
