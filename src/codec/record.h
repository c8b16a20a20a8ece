// One input row, whatever file it came from: named fields holding text, with
// the JSON type the value had (CSV values are untyped text). Decoders read
// records, so CSV, JSON Lines and request bodies share one set of checks.
// Nested JSON objects are flattened with dots ("event_location.country");
// arrays of scalars become kList with elements joined by ','.
#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace tact {

enum class FieldType : uint8_t { kText, kString, kNumber, kBool, kNull, kList };

struct Field {
  std::string name;
  std::string text;
  FieldType type = FieldType::kText;
};

// Whether two field names are the same. Decoders compare a row's names
// with the ones they know many times per row, and most pairs differ in
// length or first byte: those are told apart without a call to memcmp.
inline bool SameName(absl::string_view a, absl::string_view b) {
  return a.size() == b.size() && (a.empty() || (a.front() == b.front() && a == b));
}

struct Record {
  int line = 0;  // 1-based line in its file; 0 when not from a file
  std::vector<Field> fields;

  // The field named `name`, or nullptr. A null JSON value counts as absent.
  const Field* Find(absl::string_view name) const;
};

}  // namespace tact
