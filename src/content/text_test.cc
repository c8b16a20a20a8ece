#include "content/text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tact {
namespace {

using Words = std::vector<std::string>;

TEST(TextTest, FoldsCaseAndMasksWhatDiffersBetweenCopiesOfATemplate) {
  const NormalizedText text = NormalizeText(
      "Hi Anna,\n"
      "I saw that Northwind opened 3 new depots in 2026. Our guide is at "
      "https://example.com/guide?id=42 or write to sales@example.com.");
  EXPECT_EQ(text.masked, (Words{"hi", "<name>", "i",      "saw", "that",  "<name>", "opened",
                                "#",  "new",    "depots", "in",  "#",     "our",    "guide",
                                "is", "at",     "<link>", "or",  "write", "to",     "<email>"}));
  // The plain stream keeps names (folded) for phrase matching.
  EXPECT_EQ(text.plain,
            " hi anna i saw that northwind opened # new depots in # our guide is at <link> or "
            "write to <email> ");
  EXPECT_EQ(text.words, 21);
}

TEST(TextTest, CapitalsDoNotMarkNamesWhereEveryNounIsCapitalised) {
  const std::string german = "Guten Tag Herr Weber,\nwir laden Sie zu unserem Seminar in Köln ein.";
  const NormalizedText as_names = NormalizeText(german);
  const NormalizedText as_nouns = NormalizeText(german, TextOptions{.capitals_mark_names = false});
  EXPECT_EQ(as_nouns.masked, (Words{"guten", "<name>", "wir", "laden", "sie", "zu", "unserem",
                                    "seminar", "in", "köln", "ein"}));
  EXPECT_EQ(as_names.masked[7], "<name>");  // "Seminar" would be taken for a name
}

TEST(TextTest, ScriptsWithoutSpacesBecomeOneWordPerCharacter) {
  const NormalizedText text = NormalizeText("ご確認ください。");
  EXPECT_EQ(text.masked, (Words{"ご", "確", "認", "く", "だ", "さ", "い"}));
}

TEST(TextTest, NewTextDropsQuotedReplies) {
  const std::string body =
      "Just checking in on this.\n"
      "\n"
      "On Tue, 3 Mar 2027 at 10:00, Ana <ana@acme.example> wrote:\n"
      "> Hi Anna, we are hosting a seminar...\n";
  EXPECT_EQ(NewText(body), "Just checking in on this.\n\n");
  EXPECT_EQ(NewText("Neue Zahlen anbei.\n> alte Nachricht\nGrüße"), "Neue Zahlen anbei.\nGrüße\n");
  EXPECT_EQ(NewText("Bonjour\n-----Original Message-----\nFrom: x"), "Bonjour\n");
}

TEST(TextTest, PhrasesFoldLikeText) {
  EXPECT_EQ(FoldPhrase("Did you see THIS?"), " did you see this ");
  EXPECT_EQ(FoldPhrase("Haben Sie meine letzte E-Mail gesehen"),
            " haben sie meine letzte e mail gesehen ");
}

}  // namespace
}  // namespace tact
