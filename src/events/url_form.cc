#include "events/url_form.h"

#include <simdjson.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace tact {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ValidUtf8(absl::string_view text) { return simdjson::validate_utf8(text.data(), text.size()); }

}  // namespace

absl::StatusOr<std::string> PercentDecode(absl::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t index = 0; index < text.size(); ++index) {
    const char c = text[index];
    if (c == '%') {
      const int high = index + 1 < text.size() ? HexValue(text[index + 1]) : -1;
      const int low = index + 2 < text.size() ? HexValue(text[index + 2]) : -1;
      if (high < 0 || low < 0) {
        return absl::InvalidArgumentError("'%' must be followed by two hexadecimal digits");
      }
      out.push_back(static_cast<char>(high * 16 + low));
      index += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ParseForm(absl::string_view text,
                                                                           absl::string_view what) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (absl::string_view pair : absl::StrSplit(text, '&', absl::SkipEmpty())) {
    const size_t equals = pair.find('=');
    auto name = PercentDecode(pair.substr(0, equals), true);
    if (!name.ok())
      return absl::InvalidArgumentError(absl::StrCat(what, ": ", name.status().message()));
    auto value =
        PercentDecode(equals == absl::string_view::npos ? "" : pair.substr(equals + 1), true);
    if (!value.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(*name, ": ", value.status().message()));
    }
    if (!ValidUtf8(*name) || !ValidUtf8(*value)) {
      return absl::InvalidArgumentError(absl::StrCat(what, ": not valid UTF-8"));
    }
    pairs.emplace_back(*std::move(name), *std::move(value));
  }
  return pairs;
}

absl::StatusOr<absl::flat_hash_map<std::string, std::string>> ParseQuery(absl::string_view target) {
  absl::flat_hash_map<std::string, std::string> query;
  const size_t mark = target.find('?');
  if (mark == absl::string_view::npos) return query;
  auto pairs = ParseForm(target.substr(mark + 1), "query");
  if (!pairs.ok()) return pairs.status();
  for (auto& [name, value] : *pairs) query[std::move(name)] = std::move(value);
  return query;
}

}  // namespace tact
