#include "content/language.h"

#include <cstdio>  // CLD2's header uses FILE without including it
// clang-format off
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
// clang-format on
#include <unicode/datefmt.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/ucasemap.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <optional>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "core/utf8_prefix.h"

namespace tact {

DetectedLanguage DetectLanguage(absl::string_view text) {
  DetectedLanguage detected;
  if (text.empty()) return detected;
  const CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language top3[3];
  int percent3[3];
  double scores3[3];
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix = 0;
  // The opening of a message says its language; reading all of a long one
  // costs more and changes nothing. Cut at a character boundary.
  const int length = static_cast<int>(Utf8Prefix(text, kLanguageSampleBytes).size());
  const CLD2::Language language = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      text.data(), length, /*is_plain_text=*/true, &hints, /*flags=*/0, top3, percent3, scores3,
      /*resultchunkvector=*/nullptr, &text_bytes, &reliable, &valid_prefix);
  if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE ||
      valid_prefix < length) {
    return detected;
  }
  detected.code = CLD2::LanguageCode(language);
  detected.percent = top3[0] == language ? percent3[0] : 0;
  detected.reliable = reliable;
  return detected;
}

namespace {

// The primary subtag of a plain tag: a lower-case code of two or three
// letters, alone or before a region ("en", "de-AT"), that ICU would not
// replace; nullopt for any other tag, whose language ICU must say. Most
// tags are plain, and a decision reads several: no string is made.
std::optional<absl::string_view> PlainPrimary(absl::string_view tag) {
  size_t end = 0;
  while (end < tag.size() && tag[end] != '-' && tag[end] != '_') ++end;
  if (end < 2 || end > 3 || (end < tag.size() && tag.size() == end + 1)) return std::nullopt;
  const absl::string_view primary = tag.substr(0, end);
  for (const char c : primary) {
    if (c < 'a' || c > 'z') return std::nullopt;
  }
  // Codes ICU replaces; all of two letters.
  static constexpr char kReplaced[][2] = {{'i', 'w'}, {'i', 'n'}, {'j', 'i'}, {'j', 'w'},
                                          {'m', 'o'}, {'t', 'l'}, {'n', 'b'}, {'s', 'h'}};
  if (end == 2) {
    for (const auto& replaced : kReplaced) {
      if (primary[0] == replaced[0] && primary[1] == replaced[1]) return std::nullopt;
    }
  }
  return primary;
}

}  // namespace

std::string PrimaryLanguage(absl::string_view tag) {
  if (tag.empty()) return "";
  if (const std::optional<absl::string_view> plain = PlainPrimary(tag)) return std::string(*plain);
  UErrorCode status = U_ZERO_ERROR;
  const std::string normalised = absl::StrReplaceAll(tag, {{"_", "-"}});
  const icu::Locale parsed = icu::Locale::forLanguageTag(normalised, status);
  if (U_FAILURE(status) || parsed.isBogus()) return "";
  const icu::Locale canonical = icu::Locale::createCanonical(parsed.getName());
  std::string language = absl::AsciiStrToLower(canonical.getLanguage());
  // Norwegian Bokmål is what CLD2 reports as "no" (Norwegian).
  if (language == "nb") language = "no";
  return language;
}

std::string LanguageTagProblem(absl::string_view tag) {
  // ICU's ISO 639 codes, once.
  static const auto* known = [] {
    auto* codes = new absl::flat_hash_set<std::string>();
    for (const char* const* code = icu::Locale::getISOLanguages(); *code != nullptr; ++code) {
      codes->insert(*code);
    }
    return codes;
  }();
  const std::string primary = PrimaryLanguage(tag);
  if (!primary.empty() && (known->contains(primary) || primary == "no")) return "";
  std::string suggestion;
  for (const std::string& code : *known) {
    icu::UnicodeString name;
    icu::Locale(code.c_str()).getDisplayLanguage(icu::Locale::getEnglish(), name);
    std::string english;
    name.toUTF8String(english);
    if (absl::EqualsIgnoreCase(english, absl::StripAsciiWhitespace(tag))) {
      suggestion = code;
      break;
    }
  }
  return absl::StrCat("'", tag, "' is not a BCP 47 language tag (e.g. en, de-AT, pt-BR)",
                      suggestion.empty() ? "" : absl::StrCat("; did you mean '", suggestion, "'?"));
}

bool ReadsLanguage(std::span<const std::string> languages, absl::string_view language) {
  std::string unusual;  // the wanted language when ICU had to say it
  const std::optional<absl::string_view> plain = PlainPrimary(language);
  if (!plain) unusual = PrimaryLanguage(language);
  const absl::string_view wanted = plain ? *plain : absl::string_view(unusual);
  if (wanted.empty()) return false;
  return std::any_of(languages.begin(), languages.end(), [&](const std::string& tag) {
    const std::optional<absl::string_view> read = PlainPrimary(tag);
    return read ? *read == wanted : PrimaryLanguage(tag) == wanted;
  });
}

std::string LanguageName(absl::string_view tag) {
  const std::string language = PrimaryLanguage(tag);
  if (language.empty()) return std::string(tag);
  icu::UnicodeString name;
  icu::Locale(language.c_str()).getDisplayLanguage(icu::Locale::getEnglish(), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() || out == language ? std::string(tag) : out;
}

std::string LanguageNameIn(absl::string_view tag, absl::string_view reader) {
  const std::string language = PrimaryLanguage(tag);
  if (language.empty()) return std::string(tag);
  icu::UnicodeString name;
  icu::Locale(language.c_str()).getDisplayLanguage(icu::Locale(std::string(reader).c_str()), name);
  // "français" in French lists: a name starts a label, so it takes a capital.
  name.toTitle(nullptr, icu::Locale(std::string(reader).c_str()),
               U_TITLECASE_NO_LOWERCASE | U_TITLECASE_NO_BREAK_ADJUSTMENT);
  std::string out;
  name.toUTF8String(out);
  return out.empty() || out == language ? std::string(tag) : out;
}

std::string FormatLongDate(absl::Time time, absl::string_view time_zone, absl::string_view reader) {
  const icu::Locale locale(std::string(reader).c_str());
  std::unique_ptr<icu::DateFormat> format(
      icu::DateFormat::createDateInstance(icu::DateFormat::kLong, locale));
  if (format == nullptr) return absl::FormatTime("%Y-%m-%d", time, absl::UTCTimeZone());
  format->adoptTimeZone(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(time_zone.empty() ? "UTC" : std::string(time_zone))));
  icu::UnicodeString text;
  format->format(static_cast<UDate>(absl::ToUnixMillis(time)), text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

bool IsDetectableLanguage(absl::string_view tag) {
  const std::string wanted = PrimaryLanguage(tag);
  if (wanted.empty()) return false;
  // CLD2 keeps some legacy codes ("iw" for Hebrew), so compare canonically.
  for (int index = 0; index < CLD2::NUM_LANGUAGES; ++index) {
    const auto language = static_cast<CLD2::Language>(index);
    if (language == CLD2::UNKNOWN_LANGUAGE) continue;
    if (PrimaryLanguage(CLD2::LanguageCode(language)) == wanted) return true;
  }
  return false;
}

}  // namespace tact
