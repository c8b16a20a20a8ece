// What the preference page says, in each language it speaks: the message
// catalogue compiled in from server/preference_messages.toml (English,
// German, French, Spanish, Portuguese), and which of its languages a reader
// gets.
//
// Thread safety: immutable once parsed; BuiltIn() is safe from any thread.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tact {

class PreferenceCatalogue {
 public:
  // The catalogue tact ships; a catalogue that does not parse is a build
  // defect (the unit tests parse it), and aborts.
  static const PreferenceCatalogue& BuiltIn();
  // Parses a catalogue: a table per language (its tag), each with every key
  // of the first language and the same {placeholders}. Errors:
  // InvalidArgument naming the language and key at fault.
  static absl::StatusOr<PreferenceCatalogue> Parse(absl::string_view toml);

  // The languages, in the file's order (the first is the fallback).
  const std::vector<std::string>& languages() const { return languages_; }
  bool Speaks(absl::string_view language) const { return texts_.contains(language); }
  // The first of `wanted` (language tags, most preferred first) the
  // catalogue speaks, by primary language; else the first language.
  std::string Choose(absl::Span<const std::string> wanted) const;
  // The text of `key` in `language` (which it speaks), each {name} replaced
  // by its value.
  std::string Text(
      absl::string_view language, absl::string_view key,
      std::initializer_list<std::pair<absl::string_view, std::string>> values = {}) const;

 private:
  std::vector<std::string> languages_;
  absl::flat_hash_map<std::string, absl::flat_hash_map<std::string, std::string>> texts_;
};

// The language tags of an Accept-Language header, most preferred first
// (by q, then by order; "*" and q=0 left out); at most 16.
std::vector<std::string> AcceptedLanguages(absl::string_view header);

}  // namespace tact
