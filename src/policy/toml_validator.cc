#include "policy/toml_validator.h"

#include <algorithm>
#include <span>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/minutes.h"
#include "policy/suggest.h"

namespace tact {

absl::string_view Absl(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

absl::StatusOr<toml::table> ParseToml(absl::string_view text, absl::string_view source) {
  try {
    return toml::parse(std::string_view(text.data(), text.size()),
                       std::string_view(source.data(), source.size()));
  } catch (const toml::parse_error& error) {
    return absl::InvalidArgumentError(absl::StrCat(source, ":", error.source().begin.line, ":",
                                                   error.source().begin.column, ": ",
                                                   Absl(error.description())));
  }
}

void Validator::Error(const toml::source_region& where, absl::string_view key,
                      absl::string_view message) {
  errors_.push_back(absl::StrCat(source_, ":", where.begin.line, ":", where.begin.column, ": ", key,
                                 ": ", message));
}
void Validator::Error(const toml::node& where, absl::string_view key, absl::string_view message) {
  Error(where.source(), key, message);
}

// Reports every key of `table` that is not in `allowed`.
void Validator::CheckKeys(const toml::table& table, absl::string_view path,
                          std::span<const absl::string_view> allowed) {
  for (auto&& [key, node] : table) {
    if (std::find(allowed.begin(), allowed.end(), Absl(key.str())) != allowed.end()) continue;
    const std::string nearest = NearestWord(Absl(key.str()), allowed);
    std::string message = "unknown key";
    if (!nearest.empty())
      absl::StrAppend(&message, " (did you mean '", nearest, "'?)");
    else
      absl::StrAppend(&message, " (known keys: ", absl::StrJoin(allowed, ", "), ")");
    Error(key.source(), Join(path, Absl(key.str())), message);
  }
}

const toml::table* Validator::Table(const toml::table& parent, absl::string_view key,
                                    absl::string_view path) {
  const toml::node* node = parent.get(std::string_view(key.data(), key.size()));
  if (node == nullptr) return nullptr;
  if (!node->is_table()) {
    Error(*node, Join(path, key), "must be a table");
    return nullptr;
  }
  return node->as_table();
}

std::optional<int64_t> Validator::Integer(const toml::table& table, absl::string_view key,
                                          absl::string_view path, int64_t min, int64_t max) {
  const toml::node* node = table.get(std::string_view(key.data(), key.size()));
  if (node == nullptr) return std::nullopt;
  const auto value = node->value_exact<int64_t>();
  if (!value) {
    Error(*node, Join(path, key), "must be a whole number");
    return std::nullopt;
  }
  if (*value < min || *value > max) {
    Error(*node, Join(path, key),
          absl::StrCat("must be between ", min, " and ", max, " (got ", *value, ")"));
    return std::nullopt;
  }
  return value;
}

std::optional<double> Validator::Number(const toml::table& table, absl::string_view key,
                                        absl::string_view path, double min, double max) {
  const toml::node* node = table.get(std::string_view(key.data(), key.size()));
  if (node == nullptr) return std::nullopt;
  const auto value = node->value<double>();
  if (!value || !(node->is_integer() || node->is_floating_point())) {
    Error(*node, Join(path, key), "must be a number");
    return std::nullopt;
  }
  if (!(*value >= min && *value <= max)) {
    Error(*node, Join(path, key),
          absl::StrCat("must be between ", min, " and ", max, " (got ", *value, ")"));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> Validator::Bool(const toml::table& table, absl::string_view key,
                                    absl::string_view path) {
  const toml::node* node = table.get(std::string_view(key.data(), key.size()));
  if (node == nullptr) return std::nullopt;
  if (!node->is_boolean()) {
    Error(*node, Join(path, key), "must be true or false");
    return std::nullopt;
  }
  return node->value<bool>();
}

std::optional<std::string> Validator::String(const toml::table& table, absl::string_view key,
                                             absl::string_view path) {
  const toml::node* node = table.get(std::string_view(key.data(), key.size()));
  if (node == nullptr) return std::nullopt;
  if (!node->is_string()) {
    Error(*node, Join(path, key), "must be a string");
    return std::nullopt;
  }
  return node->value<std::string>();
}

std::optional<std::string> Validator::Choice(const toml::table& table, absl::string_view key,
                                             absl::string_view path,
                                             std::initializer_list<absl::string_view> choices) {
  auto value = String(table, key, path);
  if (!value) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *value) != choices.end()) return value;
  std::vector<std::string> quoted;
  for (absl::string_view choice : choices) quoted.push_back(absl::StrCat("\"", choice, "\""));
  const std::string last = quoted.back();
  quoted.pop_back();
  Error(*table.get(std::string_view(key.data(), key.size())), Join(path, key),
        absl::StrCat("'", *value, "' is not a choice; use ", absl::StrJoin(quoted, ", "),
                     quoted.empty() ? "" : " or ", last));
  return std::nullopt;
}

std::optional<absl::Duration> Validator::Span(const toml::table& table, absl::string_view key,
                                              absl::string_view path) {
  const auto text = String(table, key, path);
  if (!text) return std::nullopt;
  auto span = ParseSpan(*text);
  if (!span.ok()) {
    Error(*table.get(std::string_view(key.data(), key.size())), Join(path, key),
          span.status().message());
    return std::nullopt;
  }
  return *span;
}

std::optional<std::vector<std::string>> Validator::Strings(const toml::table& table,
                                                           absl::string_view key,
                                                           absl::string_view path) {
  const toml::node* node = table.get(std::string_view(key.data(), key.size()));
  if (node == nullptr) return std::nullopt;
  const toml::array* array = node->as_array();
  std::vector<std::string> values;
  bool all_strings = array != nullptr;
  if (array != nullptr) {
    for (const toml::node& element : *array) {
      if (!element.is_string()) {
        all_strings = false;
        break;
      }
      values.push_back(*element.value<std::string>());
    }
  }
  if (!all_strings) {
    Error(*node, Join(path, key), "must be a list of strings, e.g. [\"a\", \"b\"]");
    return std::nullopt;
  }
  return values;
}

void Validator::Require(const toml::table& table, absl::string_view key, absl::string_view path) {
  if (table.get(std::string_view(key.data(), key.size())) == nullptr)
    Error(table, Join(path, key), "is required");
}

std::string Validator::Join(absl::string_view path, absl::string_view key) {
  return path.empty() ? std::string(key) : absl::StrCat(path, ".", key);
}

}  // namespace tact
