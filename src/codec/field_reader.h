// FieldReader: reads a record's fields (codec/record.h) as typed values for
// the decoders, collecting every problem as "field: problem" so that one
// answer lists them all.
//
// Thread safety: none; one reader per record.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "codec/record.h"
#include "core/minutes.h"
#include "policy/suggest.h"

namespace tact {

// The longest id or short text a field may hold, unless a reader says more.
inline constexpr size_t kMaxIdBytes = 256;
// The longest text (a touch's subject or body) a field may hold.
inline constexpr size_t kMaxTextBytes = 64 * 1024;

// Reads typed values from a record and collects every problem as
// "field: problem".
class FieldReader {
 public:
  explicit FieldReader(const Record& record) : record_(record) {}

  // Reports fields not in `known` (unless they start with one of `prefixes`).
  void RejectUnknown(std::initializer_list<absl::string_view> known,
                     std::initializer_list<absl::string_view> prefixes = {}) {
    std::vector<absl::string_view> objects;  // known fields given an object
    for (const Field& field : record_.fields) {
      const auto is_field = [&](absl::string_view name) { return SameName(name, field.name); };
      if (std::any_of(known.begin(), known.end(), is_field)) continue;
      if (std::any_of(prefixes.begin(), prefixes.end(), [&](absl::string_view prefix) {
            return absl::StartsWith(field.name, prefix);
          })) {
        continue;
      }
      // {"person_id": {"a": 1}} arrives flattened as "person_id.a".
      const absl::string_view parent =
          absl::string_view(field.name).substr(0, field.name.find('.'));
      if (parent.size() < field.name.size() &&
          std::find(known.begin(), known.end(), parent) != known.end()) {
        if (std::find(objects.begin(), objects.end(), parent) == objects.end()) {
          objects.push_back(parent);
          Problem(parent, "must be a single value, not an object");
        }
        continue;
      }
      const std::string nearest =
          NearestWord(field.name, std::span<const absl::string_view>(known.begin(), known.size()));
      Problem(field.name, nearest.empty()
                              ? std::string("unknown field")
                              : absl::StrCat("unknown field (did you mean '", nearest, "'?)"));
    }
  }

  // A name with spaces or quotes (`"person_id "`) is quoted, so that the
  // error names it exactly (server/api_error.h reads it back).
  void Problem(absl::string_view field, absl::string_view problem) {
    const bool plain = std::none_of(field.begin(), field.end(),
                                    [](char c) { return c == ' ' || c == '"' || c == ';'; });
    problems_.push_back(plain ? absl::StrCat(field, ": ", problem)
                              : absl::StrCat("\"", field, "\": ", problem));
  }

  const Field* Get(absl::string_view name) const { return record_.Find(name); }

  std::optional<std::string> Text(absl::string_view name, size_t max_bytes = kMaxIdBytes) {
    const Field* field = Get(name);
    if (field == nullptr) return std::nullopt;
    if (field->type != FieldType::kText && field->type != FieldType::kString) {
      Problem(name, "must be a string");
      return std::nullopt;
    }
    if (field->text.size() > max_bytes) {
      Problem(name, absl::StrCat("is longer than ", max_bytes, " bytes"));
      return std::nullopt;
    }
    return field->text;
  }

  std::string Required(absl::string_view name) {
    auto value = Text(name);
    if (!value || value->empty()) {
      if (Get(name) == nullptr) Problem(name, "is required");
      return "";
    }
    return *value;
  }

  std::optional<double> Number(absl::string_view name, double min, double max) {
    const Field* field = Get(name);
    if (field == nullptr) return std::nullopt;
    if (field->type != FieldType::kText && field->type != FieldType::kNumber) {
      Problem(name, "must be a number");
      return std::nullopt;
    }
    double value = 0;
    const std::string& text = field->text;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
      Problem(name, absl::StrCat("'", text, "' is not a number"));
      return std::nullopt;
    }
    if (value < min || value > max) {
      Problem(name, absl::StrCat("must be between ", min, " and ", max, " (got ", text, ")"));
      return std::nullopt;
    }
    return value;
  }

  std::optional<int> Integer(absl::string_view name, int min, int max) {
    const auto value = Number(name, min, max);
    if (!value) return std::nullopt;
    if (*value != std::floor(*value)) {
      Problem(name, absl::StrCat("must be a whole number (got ", *value, ")"));
      return std::nullopt;
    }
    return static_cast<int>(*value);
  }

  std::optional<bool> Bool(absl::string_view name) {
    const Field* field = Get(name);
    if (field == nullptr) return std::nullopt;
    if (field->type != FieldType::kText && field->type != FieldType::kBool) {
      Problem(name, "must be true or false");
      return std::nullopt;
    }
    if (field->text == "true" || field->text == "1") return true;
    if (field->text == "false" || field->text == "0") return false;
    Problem(name, absl::StrCat("'", field->text, "' is not true or false"));
    return std::nullopt;
  }

  std::optional<absl::Time> Time(absl::string_view name) {
    const auto text = Text(name);
    if (!text) return std::nullopt;
    auto time = ParseUtc(*text);
    if (!time.ok()) {
      Problem(name, time.status().message());
      return std::nullopt;
    }
    return *time;
  }

  // A JSON list, or CSV text separated by commas, semicolons or spaces.
  std::vector<std::string> List(absl::string_view name) {
    const Field* field = Get(name);
    if (field == nullptr) return {};
    if (field->type != FieldType::kText && field->type != FieldType::kList &&
        field->type != FieldType::kString) {
      Problem(name, "must be a list of strings");
      return {};
    }
    return absl::StrSplit(field->text, absl::ByAnyChar(",; "), absl::SkipEmpty());
  }

  absl::Status Result() const {
    if (problems_.empty()) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrJoin(problems_, "; "));
  }

 private:
  const Record& record_;
  std::vector<std::string> problems_;
};

}  // namespace tact
