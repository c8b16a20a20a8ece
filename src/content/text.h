// A message's text as the content gates compare it. The subject and the new
// part of the body (quoted replies dropped) become two streams of folded
// words: `plain` for phrase and pronoun matching, and `masked` for
// fingerprints, where what differs between copies of one template is masked:
// numbers ("#"), links ("<link>"), email addresses ("<email>"), and names
// ("<name>": capitalised words inside a sentence, and every capitalised word
// of a short salutation line such as "Hi Anna Schmidt,"); a run of one mask
// ("<name> <name>") is one masked word. Scripts written
// without spaces (Han, Kana, Thai, ...) become one word per character.
//
// Thread safety: reentrant.
#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace tact {

struct TextOptions {
  // Languages such as German capitalise every noun: there a capital letter
  // does not mark a name inside a sentence.
  bool capitals_mark_names = true;
};

struct NormalizedText {
  std::string plain;                // folded words joined by single spaces, with one at each end
  std::vector<std::string> masked;  // folded words, names/numbers/links masked
  int words = 0;                    // words in the new text
};

// The new part of `body`: lines quoting an earlier message ("> ...") are
// dropped, and everything from a reply header ("On ... wrote:", "-----Original
// Message-----") on.
std::string NewText(absl::string_view body);

NormalizedText NormalizeText(absl::string_view text, const TextOptions& options = {});

// `phrase` folded the way NormalizeText folds `plain`, with a space at each
// end, so that a phrase matches whole words only.
std::string FoldPhrase(absl::string_view phrase);

}  // namespace tact
