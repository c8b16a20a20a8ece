#include "content/lexicon.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "content/language.h"
#include "content/text.h"

namespace tact {

const LanguageLexicon* Lexicon::For(absl::string_view language) const {
  for (const LanguageLexicon& section : languages_) {
    if (section.language == language) return &section;
  }
  return nullptr;
}

std::optional<BumpMatch> Lexicon::FindBump(absl::string_view plain) const {
  for (const LanguageLexicon& section : languages_) {
    for (const LanguageLexicon::Phrase& phrase : section.bump) {
      if (absl::StrContains(plain, phrase.folded)) return BumpMatch{phrase.text, section.language};
    }
  }
  return std::nullopt;
}

}  // namespace tact
