// Words and phrases the content gates read, per language: the "bump" phrases
// of a follow-up with nothing new ("just checking in", "haben Sie meine
// letzte E-Mail gesehen?"), and the pronouns by which a text talks about the
// sender ("we", "our") or the reader ("you", "your") for the self_focus note.
// The policy loads it (policy/lexicon_loader.h): the default is
// examples/bump-phrases.toml, compiled in; a policy may name its own file
// ([content] lexicon).
//
// Thread safety: immutable after load.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace tact {

struct LanguageLexicon {
  std::string language;  // primary language as CLD2 detects it: "de"
  struct Phrase {
    std::string text;    // as written in the file
    std::string folded;  // FoldPhrase(text)
  };
  std::vector<Phrase> bump;
  absl::flat_hash_set<std::string> self;    // folded single words
  absl::flat_hash_set<std::string> reader;  // folded single words
};

struct BumpMatch {
  absl::string_view phrase;    // as written in the lexicon
  absl::string_view language;  // the lexicon section it is from
};

class Lexicon {
 public:
  Lexicon() = default;
  // Every bump phrase must have a word (FoldPhrase longer than two spaces).
  explicit Lexicon(std::vector<LanguageLexicon> languages);

  // The section for a primary language ("de"), or nullptr.
  const LanguageLexicon* For(absl::string_view language) const;

  // The first bump phrase (in the lexicon's order) of any language found in
  // `plain` (NormalizedText::plain), whole words only. One pass over the
  // text's words: only the phrases that start with a word are tried there.
  std::optional<BumpMatch> FindBump(absl::string_view plain) const;

  const std::vector<LanguageLexicon>& languages() const { return languages_; }

 private:
  std::vector<LanguageLexicon> languages_;
  // A bump phrase by its place in the lexicon's order.
  struct PhraseAt {
    uint32_t order;  // across every language's phrases, in order
    uint32_t section;
    uint32_t phrase;
  };
  // The bump phrases by their first (folded) word.
  absl::flat_hash_map<std::string, std::vector<PhraseAt>> bump_by_first_word_;
};

}  // namespace tact
