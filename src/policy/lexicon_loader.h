// Reading a lexicon (content/lexicon.h) from its TOML text.
#pragma once

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "content/lexicon.h"

namespace tact {

// Parses a lexicon: one table per language tag, each with optional string
// lists `bump`, `self` and `reader`. Errors: InvalidArgument listing every
// problem as FILE:LINE:COLUMN: KEY: message (a language CLD2 cannot detect,
// a `self`/`reader` entry that is not one word, an unknown key).
absl::StatusOr<Lexicon> LoadLexiconFromString(absl::string_view text, absl::string_view source);

// examples/bump-phrases.toml, compiled in.
absl::string_view DefaultLexiconText();

}  // namespace tact
