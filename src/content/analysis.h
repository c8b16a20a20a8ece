// What the content gates know about one touch's text, computed once per
// decision: its language (declared, or detected with CLD2), its fingerprint,
// how many words of new text it has, a bump phrase in it, and its pronouns.
// The shells compute it ahead of the decision when they need the fingerprint
// first (to look up how many people a template reached).
//
// Thread safety: reentrant.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "content/language.h"
#include "content/lexicon.h"
#include "core/touch.h"

namespace tact {

struct ContentFacts {
  uint64_t fingerprint = 0;  // 0: the touch has no subject or body text
  DetectedLanguage detected;
  // The primary language the rules judge by: the declared one, else the
  // detected one when CLD2 is sure of it; empty when unknown.
  std::string language;
  bool declared = false;
  bool mismatch = false;           // declared, and the text reliably reads as another language
  bool detection_decided = false;  // ... so surely that the detected language is `language`
  int words = 0;                   // words of new text (subject + body without quoted replies)
  std::optional<BumpMatch> bump;   // looked for only in texts of at most bump_max_words
  int self_words = 0;              // pronouns about the sender (lexicon `self`)
  int reader_words = 0;            // pronouns about the reader (lexicon `reader`)
};

// Whether the touch carries text the content gates read.
inline bool HasText(const Touch& touch) { return !touch.subject.empty() || !touch.body.empty(); }

// What the analysis reads besides the text (the policy's [content] and
// [relevance] settings give them).
struct AnalysisOptions {
  const Lexicon* lexicon = nullptr;  // null: no bump phrases or pronouns are looked for
  // When CLD2 reliably reads the text as another language than the touch
  // declares, in at least this percent of its letters, the detected
  // language is the touch's language. 0: the declaration always decides.
  int detection_overrides_percent = 90;
  int bump_max_words = 60;  // a bump phrase counts only in a text this short
};

// Analyses the touch's subject and body; all zero/empty when it has none.
ContentFacts AnalyzeContent(const AnalysisOptions& options, const Touch& touch);

}  // namespace tact
