// Reads values out of a parsed TOML document and collects every problem with
// its location ("FILE:LINE:COLUMN: KEY: what is wrong"), so one run shows them
// all. Used by the policy loader and the files it refers to.
//
// Thread safety: none; one Validator per document.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace tact {

absl::string_view Absl(std::string_view text);

// Parses TOML; a syntax error comes back as InvalidArgument
// "SOURCE:LINE:COLUMN: what is wrong".
absl::StatusOr<toml::table> ParseToml(absl::string_view text, absl::string_view source);

class Validator {
 public:
  explicit Validator(absl::string_view source) : source_(source) {}

  void Error(const toml::source_region& where, absl::string_view key, absl::string_view message);
  void Error(const toml::node& where, absl::string_view key, absl::string_view message);

  bool ok() const { return errors_.empty(); }
  std::string Joined() const { return absl::StrJoin(errors_, "\n"); }

  // Reports every key of `table` that is not in `allowed`, with the nearest
  // allowed one as a suggestion.
  void CheckKeys(const toml::table& table, absl::string_view path,
                 std::initializer_list<absl::string_view> allowed) {
    CheckKeys(table, path, std::span<const absl::string_view>(allowed.begin(), allowed.size()));
  }
  void CheckKeys(const toml::table& table, absl::string_view path,
                 std::span<const absl::string_view> allowed);

  // Each getter returns nullopt (nullptr) when the key is absent, and also,
  // after reporting it, when the value has the wrong type or range.
  const toml::table* Table(const toml::table& parent, absl::string_view key,
                           absl::string_view path);
  std::optional<int64_t> Integer(const toml::table& table, absl::string_view key,
                                 absl::string_view path, int64_t min, int64_t max);
  std::optional<double> Number(const toml::table& table, absl::string_view key,
                               absl::string_view path, double min, double max);
  std::optional<bool> Bool(const toml::table& table, absl::string_view key, absl::string_view path);
  std::optional<std::string> String(const toml::table& table, absl::string_view key,
                                    absl::string_view path);
  // A span such as "7d" or "20h" (core/minutes.h ParseSpan).
  // A string that must be one of `choices`; anything else is reported with
  // the choices listed.
  std::optional<std::string> Choice(const toml::table& table, absl::string_view key,
                                    absl::string_view path,
                                    std::initializer_list<absl::string_view> choices);
  std::optional<absl::Duration> Span(const toml::table& table, absl::string_view key,
                                     absl::string_view path);
  std::optional<std::vector<std::string>> Strings(const toml::table& table, absl::string_view key,
                                                  absl::string_view path);
  void Require(const toml::table& table, absl::string_view key, absl::string_view path);

  // "a.b" from "a" and "b"; "b" when the path is empty.
  static std::string Join(absl::string_view path, absl::string_view key);

 private:
  std::string source_;
  std::vector<std::string> errors_;
};

}  // namespace tact
