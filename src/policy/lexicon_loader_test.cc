#include "policy/lexicon_loader.h"

#include <gtest/gtest.h>

#include "content/text.h"

namespace tact {
namespace {

TEST(LexiconTest, TheBuiltInLexiconLoadsAndFindsBumpsInEachLanguage) {
  auto lexicon = LoadLexiconFromString(DefaultLexiconText(), "bump-phrases.toml");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  const struct {
    const char* text;
    const char* phrase;
    const char* language;
  } kBumps[] = {
      {"Hi Anna, just checking in on my note from last week. Any news?", "just checking in", "en"},
      {"Did you see this? Happy to walk you through it.", "did you see this", "en"},
      {"Hallo Frau Berger, haben Sie meine letzte E-Mail gesehen?",
       "haben sie meine letzte e-mail gesehen", "de"},
      {"Bonjour, je me permets de revenir vers vous concernant ma proposition.",
       "je me permets de revenir vers vous", "fr"},
      {"Hola Lucía, ¿has visto mi último correo?", "has visto mi último correo", "es"},
      {"Olá João, conseguiu dar uma olhada na proposta?", "conseguiu dar uma olhada", "pt"},
      {"山田様、先日のメールはご覧いただけましたでしょうか。",
       "先日のメールはご覧いただけましたでしょうか", "ja"},
  };
  for (const auto& bump : kBumps) {
    const auto match = lexicon->FindBump(NormalizeText(bump.text).plain);
    ASSERT_TRUE(match.has_value()) << bump.text;
    EXPECT_EQ(match->phrase, bump.phrase) << bump.text;
    EXPECT_EQ(match->language, bump.language) << bump.text;
  }
  // Whole words only: "circling backwards" is not "circling back".
  EXPECT_FALSE(lexicon->FindBump(NormalizeText("We are circling backwards.").plain));
  EXPECT_FALSE(lexicon->FindBump(
      NormalizeText("Attached are the revised figures for the Leeds depot.").plain));
  const LanguageLexicon* german = lexicon->For("de");
  ASSERT_NE(german, nullptr);
  EXPECT_TRUE(german->self.contains("unser"));
  EXPECT_TRUE(german->reader.contains("ihnen"));
}

TEST(LexiconTest, ErrorsNameTheFileLineAndKey) {
  auto unknown = LoadLexiconFromString("[qq]\nbump = [\"hi\"]\n", "mine.toml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(),
            "mine.toml:1:2: qq: is not a language tact detects (use an ISO 639 code such as "
            "\"en\" or \"de\")");
  auto bad = LoadLexiconFromString(
      "[en]\nbump = [\"...\"]\nself = [\"we two\"]\nrader = [\"you\"]\n", "mine.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("mine.toml:4:1: en.rader: unknown key (did you mean "
                                        "'reader'?)"),
            std::string::npos)
      << bad.status();
  EXPECT_NE(bad.status().message().find("en.bump: '...' has no words"), std::string::npos);
  EXPECT_NE(bad.status().message().find("en.self: 'we two' is not one word"), std::string::npos);
}

}  // namespace
}  // namespace tact
