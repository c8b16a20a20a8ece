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

Lexicon::Lexicon(std::vector<LanguageLexicon> languages) : languages_(std::move(languages)) {
  uint32_t order = 0;
  for (uint32_t section = 0; section < languages_.size(); ++section) {
    const auto& bump = languages_[section].bump;
    for (uint32_t phrase = 0; phrase < bump.size(); ++phrase) {
      // " first second … ": the first word runs from 1 to the next space.
      const absl::string_view folded = bump[phrase].folded;
      const absl::string_view first = folded.substr(1, folded.find(' ', 1) - 1);
      bump_by_first_word_[std::string(first)].push_back({order++, section, phrase});
    }
  }
}

std::optional<BumpMatch> Lexicon::FindBump(absl::string_view plain) const {
  const PhraseAt* best = nullptr;
  // `plain` is " w1 w2 … wn ": each word starts after a space.
  for (size_t space = plain.find(' '); space != absl::string_view::npos && space + 1 < plain.size();
       space = plain.find(' ', space + 1)) {
    const size_t end = plain.find(' ', space + 1);
    if (end == absl::string_view::npos) break;
    const auto found = bump_by_first_word_.find(plain.substr(space + 1, end - space - 1));
    if (found == bump_by_first_word_.end()) continue;
    for (const PhraseAt& at : found->second) {
      if (best != nullptr && best->order <= at.order) break;  // listed in order
      const absl::string_view folded = languages_[at.section].bump[at.phrase].folded;
      if (plain.substr(space, folded.size()) == folded) best = &at;
    }
  }
  if (best == nullptr) return std::nullopt;
  const LanguageLexicon& section = languages_[best->section];
  return BumpMatch{section.bump[best->phrase].text, section.language};
}

}  // namespace tact
