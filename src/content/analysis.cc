#include "content/analysis.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "content/fingerprint.h"
#include "content/text.h"

namespace tact {
namespace {

// Languages that capitalise every noun, where a capital does not mark a name.
bool CapitalisesNouns(absl::string_view language) { return language == "de" || language == "lb"; }

}  // namespace

ContentFacts AnalyzeContent(const AnalysisOptions& options, const Touch& touch) {
  ContentFacts facts;
  if (!HasText(touch)) return facts;
  const std::string text = absl::StrCat(touch.subject, "\n", NewText(touch.body));
  facts.detected = DetectLanguage(text);
  const std::string detected =
      facts.detected.reliable ? PrimaryLanguage(facts.detected.code) : std::string();
  if (!touch.language.empty()) {
    facts.declared = true;
    facts.language = PrimaryLanguage(touch.language);
    facts.mismatch = !detected.empty() && !facts.language.empty() && detected != facts.language;
    // A confident detection outweighs a declaration that contradicts it: a
    // template's language field left at its default is a common mistake.
    if (facts.mismatch && options.detection_overrides_percent > 0 &&
        facts.detected.percent >= options.detection_overrides_percent) {
      facts.language = detected;
      facts.detection_decided = true;
    }
  } else {
    facts.language = detected;
  }

  const NormalizedText normalized =
      NormalizeText(text, TextOptions{.capitals_mark_names = !CapitalisesNouns(facts.language)});
  facts.words = normalized.words;
  facts.fingerprint = SimHash(normalized.masked);
  if (options.lexicon == nullptr) return facts;
  if (facts.words <= options.bump_max_words)
    facts.bump = options.lexicon->FindBump(normalized.plain);
  if (const LanguageLexicon* section = options.lexicon->For(facts.language)) {
    for (absl::string_view word : absl::StrSplit(normalized.plain, ' ', absl::SkipEmpty())) {
      if (section->self.contains(word)) ++facts.self_words;
      if (section->reader.contains(word)) ++facts.reader_words;
    }
  }
  return facts;
}

}  // namespace tact
