#include "content/lexicon.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "content/text.h"
#include "policy/lexicon_loader.h"

namespace tact {
namespace {

// FindBump as a scan of every phrase in the lexicon's order would answer.
std::optional<BumpMatch> EveryPhraseInOrder(const Lexicon& lexicon, absl::string_view plain) {
  for (const LanguageLexicon& section : lexicon.languages()) {
    for (const LanguageLexicon::Phrase& phrase : section.bump) {
      if (absl::StrContains(plain, phrase.folded)) return BumpMatch{phrase.text, section.language};
    }
  }
  return std::nullopt;
}

TEST(LexiconTest, FindsTheFirstPhraseInTheLexiconsOrderAsAScanOfEveryPhraseWould) {
  const absl::StatusOr<Lexicon> lexicon = LoadLexiconFromString(DefaultLexiconText(), "default");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  // Texts of words from the phrases and a few others, so that phrases occur
  // whole, in part, overlapping and several at once.
  std::vector<std::string> words = {"hello", "thanks", "offer", "we", "you", "meeting"};
  for (const LanguageLexicon& section : lexicon->languages()) {
    for (const LanguageLexicon::Phrase& phrase : section.bump) {
      for (absl::string_view word : absl::StrSplit(phrase.folded, ' ', absl::SkipEmpty())) {
        words.emplace_back(word);
      }
    }
  }
  std::mt19937 random(5);
  int found = 0;
  for (int text = 0; text < 5000; ++text) {
    std::vector<std::string> chosen;
    const int length = 1 + static_cast<int>(random() % 12);
    for (int word = 0; word < length; ++word) chosen.push_back(words[random() % words.size()]);
    if (random() % 4 == 0) {  // a whole phrase somewhere in it
      const auto& section = lexicon->languages()[random() % lexicon->languages().size()];
      if (!section.bump.empty())
        chosen.push_back(section.bump[random() % section.bump.size()].text);
    }
    const std::string plain = FoldPhrase(absl::StrJoin(chosen, " "));
    const std::optional<BumpMatch> expected = EveryPhraseInOrder(*lexicon, plain);
    const std::optional<BumpMatch> actual = lexicon->FindBump(plain);
    ASSERT_EQ(actual.has_value(), expected.has_value()) << plain;
    if (!expected) continue;
    ++found;
    EXPECT_EQ(actual->phrase, expected->phrase) << plain;
    EXPECT_EQ(actual->language, expected->language) << plain;
  }
  EXPECT_GT(found, 1000);
}

TEST(LexiconTest, WholeWordsOnly) {
  const absl::StatusOr<Lexicon> lexicon =
      LoadLexiconFromString("[en]\nbump = [\"just checking in\"]\n", "test");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_TRUE(lexicon->FindBump(FoldPhrase("Hi, just checking in!")).has_value());
  EXPECT_FALSE(lexicon->FindBump(FoldPhrase("adjust checking insurance")).has_value());
  EXPECT_FALSE(lexicon->FindBump(FoldPhrase("just checking")).has_value());
  EXPECT_FALSE(lexicon->FindBump(" ").has_value());
}

}  // namespace
}  // namespace tact
