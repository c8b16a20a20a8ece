#include "server/preference_catalogue.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "content/language.h"
#include "policy/toml_validator.h"

namespace tact {

absl::string_view PreferenceMessagesText();  // generated from preference_messages.toml

namespace {

// The {names} in `text`.
absl::flat_hash_set<std::string> Placeholders(absl::string_view text) {
  absl::flat_hash_set<std::string> names;
  size_t open = text.find('{');
  while (open != absl::string_view::npos) {
    const size_t close = text.find('}', open);
    if (close == absl::string_view::npos) break;
    names.insert(std::string(text.substr(open + 1, close - open - 1)));
    open = text.find('{', close);
  }
  return names;
}

}  // namespace

const PreferenceCatalogue& PreferenceCatalogue::BuiltIn() {
  static const PreferenceCatalogue* const catalogue = [] {
    absl::StatusOr<PreferenceCatalogue> parsed = Parse(PreferenceMessagesText());
    if (!parsed.ok()) {
      std::fprintf(stderr, "the built-in preference page catalogue: %s\n",
                   std::string(parsed.status().message()).c_str());
      std::abort();
    }
    return new PreferenceCatalogue(*std::move(parsed));
  }();
  return *catalogue;
}

absl::StatusOr<PreferenceCatalogue> PreferenceCatalogue::Parse(absl::string_view toml) {
  absl::StatusOr<toml::table> parsed = ParseToml(toml, "preference_messages.toml");
  if (!parsed.ok()) return parsed.status();
  PreferenceCatalogue catalogue;
  // In the file's order (a TOML table's keys are sorted): the first is the
  // one the others are checked against, and the fallback.
  std::vector<std::pair<const toml::key*, const toml::node*>> ordered;
  for (const auto& [language, node] : *parsed) ordered.emplace_back(&language, &node);
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return a.first->source().begin.line < b.first->source().begin.line;
  });
  for (const auto& [language, node_pointer] : ordered) {
    const toml::node& node = *node_pointer;
    const std::string tag(language->str());
    const toml::table* table = node.as_table();
    if (table == nullptr || PrimaryLanguage(tag) != tag) {
      return absl::InvalidArgumentError(
          absl::StrCat(tag, ": must be a table named by a primary language tag"));
    }
    absl::flat_hash_map<std::string, std::string> texts;
    for (const auto& [key, value] : *table) {
      const auto* text = value.as_string();
      if (text == nullptr || text->get().empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(tag, ".", Absl(key.str()), ": must be text"));
      }
      texts[std::string(key.str())] = text->get();
    }
    if (!catalogue.languages_.empty()) {
      const auto& first = catalogue.texts_.at(catalogue.languages_.front());
      for (const auto& [key, text] : first) {
        const auto found = texts.find(key);
        if (found == texts.end()) {
          return absl::InvalidArgumentError(absl::StrCat(tag, ".", key, ": missing"));
        }
        if (Placeholders(found->second) != Placeholders(text)) {
          return absl::InvalidArgumentError(
              absl::StrCat(tag, ".", key, ": must use the placeholders of ",
                           catalogue.languages_.front(), " ('", text, "')"));
        }
      }
      if (texts.size() != first.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat(tag, ": has keys ", catalogue.languages_.front(), " does not"));
      }
    }
    catalogue.languages_.push_back(tag);
    catalogue.texts_[tag] = std::move(texts);
  }
  if (catalogue.languages_.empty()) return absl::InvalidArgumentError("the catalogue is empty");
  return catalogue;
}

std::string PreferenceCatalogue::Choose(absl::Span<const std::string> wanted) const {
  for (const std::string& tag : wanted) {
    const std::string primary = PrimaryLanguage(tag);
    if (texts_.contains(primary)) return primary;
  }
  return languages_.front();
}

std::string PreferenceCatalogue::Text(
    absl::string_view language, absl::string_view key,
    std::initializer_list<std::pair<absl::string_view, std::string>> values) const {
  const auto texts = texts_.find(language);
  const auto& in = texts != texts_.end() ? texts->second : texts_.at(languages_.front());
  const auto text = in.find(key);
  if (text == in.end()) return std::string(key);
  std::vector<std::pair<std::string, std::string>> replacements;
  for (const auto& [name, value] : values) {
    replacements.emplace_back(absl::StrCat("{", name, "}"), value);
  }
  return absl::StrReplaceAll(text->second, replacements);
}

std::vector<std::string> AcceptedLanguages(absl::string_view header) {
  struct Weighted {
    std::string tag;
    double q;
  };
  std::vector<Weighted> listed;
  for (absl::string_view item : absl::StrSplit(header, ',', absl::SkipWhitespace())) {
    if (listed.size() == 16) break;
    std::vector<absl::string_view> parts = absl::StrSplit(item, ';');
    const absl::string_view tag = absl::StripAsciiWhitespace(parts[0]);
    double q = 1;
    for (size_t index = 1; index < parts.size(); ++index) {
      absl::string_view parameter = absl::StripAsciiWhitespace(parts[index]);
      if (absl::ConsumePrefix(&parameter, "q=") && !absl::SimpleAtod(parameter, &q)) q = 0;
    }
    if (tag.empty() || tag == "*" || q <= 0) continue;
    listed.push_back({std::string(tag), q});
  }
  std::stable_sort(listed.begin(), listed.end(),
                   [](const Weighted& a, const Weighted& b) { return a.q > b.q; });
  std::vector<std::string> tags;
  for (Weighted& one : listed) tags.push_back(std::move(one.tag));
  return tags;
}

}  // namespace tact
