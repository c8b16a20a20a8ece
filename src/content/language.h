// Which language a text is in (CLD2), and whether a person reads it.
// Language tags are compared by their primary language after ICU's
// canonicalisation, so "en-GB" reads "en", "iw" is "he" and "nb" is "no".
//
// Thread safety: reentrant (CLD2's tables are read-only).
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace tact {

struct DetectedLanguage {
  // ISO 639 code as CLD2 names it ("de", "ja", "zh-Hant"), pointing into
  // CLD2's static tables; empty when the text is too short or mixed to tell.
  absl::string_view code;
  int percent = 0;  // share of the text's letters in that language, 0-100
  bool reliable = false;
};

// How much of a text detection reads: its first 1,024 bytes.
inline constexpr size_t kLanguageSampleBytes = 1024;

// Detects the language of plain UTF-8 text from its first
// kLanguageSampleBytes. Invalid UTF-8 yields "unknown".
DetectedLanguage DetectLanguage(absl::string_view text);

// The canonical primary language of a BCP 47 tag, lower case: "en-US" ->
// "en", "pt_BR" -> "pt", "iw" -> "he", "nb" -> "no"; empty when `tag` is not
// a language tag.
std::string PrimaryLanguage(absl::string_view tag);

// Why `tag` is not a language tag a person's languages may hold: empty when
// it is one (its primary language a known ISO 639 code, e.g. "en", "de-AT",
// "pt_BR", "fil"); otherwise the problem, suggesting the code when `tag` is
// a language's English name ("German" -> 'de').
std::string LanguageTagProblem(absl::string_view tag);

// Whether `language` (a tag) is among `languages` (tags), by primary language.
bool ReadsLanguage(std::span<const std::string> languages, absl::string_view language);

// The English name of a language tag ("de" -> "German"); the tag itself
// when ICU has no name for it.
std::string LanguageName(absl::string_view tag);

// The name of a language tag's language as a reader of `reader` (a tag)
// calls it, capitalised to start a label ("de" for "fr" -> "Allemand"); the
// tag itself when ICU has no name for it.
std::string LanguageNameIn(absl::string_view tag, absl::string_view reader);

// `time`'s date in `time_zone` (IANA; UTC when empty), written as readers of
// `reader` write dates in full ("4 January 2027", "4. Januar 2027").
std::string FormatLongDate(absl::Time time, absl::string_view time_zone, absl::string_view reader);

// Whether CLD2 can detect `tag`'s language (for validating lexicon files).
bool IsDetectableLanguage(absl::string_view tag);

}  // namespace tact
