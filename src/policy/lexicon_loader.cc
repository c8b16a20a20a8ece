#include "policy/lexicon_loader.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "content/language.h"
#include "content/text.h"
#include "policy/toml_validator.h"

namespace tact {

namespace {

void ReadWords(Validator& check, const toml::table& table, absl::string_view key,
               absl::string_view path, absl::flat_hash_set<std::string>* words) {
  const auto values = check.Strings(table, key, path);
  if (!values) return;
  for (const std::string& value : *values) {
    const NormalizedText folded = NormalizeText(value, TextOptions{.capitals_mark_names = false});
    if (folded.words != 1) {
      check.Error(*table.get(std::string_view(key.data(), key.size())), Validator::Join(path, key),
                  absl::StrCat("'", value, "' is not one word"));
      continue;
    }
    words->insert(folded.masked[0]);
  }
}

}  // namespace

absl::StatusOr<Lexicon> LoadLexiconFromString(absl::string_view text, absl::string_view source) {
  auto parsed = ParseToml(text, source);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  Validator check(source);
  std::vector<LanguageLexicon> languages;
  for (auto&& [key, node] : root) {
    const absl::string_view tag = Absl(key.str());
    const toml::table* table = check.Table(root, tag, "");
    if (table == nullptr) continue;
    if (!IsDetectableLanguage(tag)) {
      check.Error(key.source(), tag,
                  "is not a language tact detects (use an ISO 639 code such as \"en\" or \"de\")");
      continue;
    }
    check.CheckKeys(*table, tag, {"bump", "self", "reader"});
    LanguageLexicon section;
    section.language = PrimaryLanguage(tag);
    if (std::any_of(languages.begin(), languages.end(), [&](const LanguageLexicon& earlier) {
          return earlier.language == section.language;
        })) {
      check.Error(key.source(), tag,
                  absl::StrCat("is the same language as an earlier table ('", section.language,
                               "'); merge the two"));
      continue;
    }
    if (auto phrases = check.Strings(*table, "bump", tag)) {
      for (std::string& phrase : *phrases) {
        std::string folded = FoldPhrase(phrase);
        if (folded.size() <= 2) {
          check.Error(*table->get("bump"), Validator::Join(tag, "bump"),
                      absl::StrCat("'", phrase, "' has no words"));
          continue;
        }
        section.bump.push_back({std::move(phrase), std::move(folded)});
      }
    }
    ReadWords(check, *table, "self", tag, &section.self);
    ReadWords(check, *table, "reader", tag, &section.reader);
    languages.push_back(std::move(section));
  }
  if (!check.ok()) return absl::InvalidArgumentError(check.Joined());
  return Lexicon(std::move(languages));
}

}  // namespace tact
