#include "content/text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace tact {
namespace {

// How mail programs introduce the message a reply quotes.
constexpr std::array<absl::string_view, 10> kReplyHeaderEndings = {
    "wrote:",      "schrieb:",  "a écrit :", "a écrit:", "escribió:",
    "ha scritto:", "escreveu:", "schreef:",  "napisał:", "napisał(a):"};
constexpr std::array<absl::string_view, 2> kReplySeparators = {"-----Original Message-----",
                                                               "________________________________"};

bool IsReplyHeader(absl::string_view line) {
  for (absl::string_view separator : kReplySeparators) {
    if (absl::StartsWith(line, separator)) return true;
  }
  for (absl::string_view ending : kReplyHeaderEndings) {
    if (absl::EndsWith(line, ending)) return true;
  }
  return false;
}

bool IsLink(absl::string_view word) {
  return absl::StartsWithIgnoreCase(word, "http://") ||
         absl::StartsWithIgnoreCase(word, "https://") || absl::StartsWithIgnoreCase(word, "www.");
}

bool IsEmailAddress(absl::string_view word) {
  const size_t at = word.find('@');
  return at != absl::string_view::npos && at > 0 && word.find('.', at) != absl::string_view::npos;
}

bool IsWordPart(UChar32 code_point) {
  if (u_isalnum(code_point)) return true;
  const int8_t type = u_charType(code_point);
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

bool EndsSentence(UChar32 code_point) {
  return code_point == '.' || code_point == '!' || code_point == '?' || code_point == ':' ||
         code_point == 0x2026 /* … */ || code_point == 0x3002 /* 。 */ ||
         code_point == 0xFF01 /* ！ */ || code_point == 0xFF1F /* ？ */;
}

bool WrittenWithoutSpaces(UChar32 code_point) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(code_point, &status);
  return U_SUCCESS(status) && uscript_breaksBetweenLetters(script);
}

void AppendFolded(UChar32 code_point, std::string* out) {
  const UChar32 folded = u_foldCase(code_point, U_FOLD_CASE_DEFAULT);
  char bytes[U8_MAX_LENGTH];
  int32_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, folded);
  out->append(bytes, static_cast<size_t>(length));
}

class Normalizer {
 public:
  explicit Normalizer(const TextOptions& options) : options_(options) { out_.plain = " "; }

  NormalizedText Run(absl::string_view text) {
    bool first_line = true;
    for (absl::string_view line : absl::StrSplit(text, '\n')) {
      line = absl::StripAsciiWhitespace(line);
      if (line.empty()) continue;
      std::vector<absl::string_view> words =
          absl::StrSplit(line, absl::ByAnyChar(" \t\r\f\v"), absl::SkipEmpty());
      // "Hi Anna Schmidt," or "Sehr geehrte Frau Dr. Müller,": a short
      // first line that ends like a salutation names the reader.
      salutation_ =
          first_line && words.size() <= 6 &&
          (absl::EndsWith(line, ",") || absl::EndsWith(line, "!") || absl::EndsWith(line, ":"));
      first_line = false;
      sentence_start_ = true;
      first_of_line_ = true;
      for (absl::string_view word : words) Word(word);
    }
    return std::move(out_);
  }

 private:
  void Emit(const std::string& plain, const std::string& masked) {
    out_.plain.append(plain).push_back(' ');
    ++out_.words;
    // "Bob Miller" and "Anna" are both one name: a run of one mask is one word.
    if (masked.front() == '<' && !out_.masked.empty() && out_.masked.back() == masked) return;
    out_.masked.push_back(masked);
  }

  void Word(absl::string_view word) {
    const absl::string_view bare = absl::StripLeadingAsciiWhitespace(
        absl::StripPrefix(absl::StripPrefix(absl::StripPrefix(word, "("), "<"), "\""));
    if (IsLink(bare)) {
      Emit("<link>", "<link>");
      sentence_start_ = first_of_line_ = false;
      return;
    }
    if (IsEmailAddress(bare)) {
      Emit("<email>", "<email>");
      sentence_start_ = first_of_line_ = false;
      return;
    }
    const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
    const int32_t length = static_cast<int32_t>(word.size());
    int32_t offset = 0;
    UChar32 last = 0;
    while (offset < length) {
      // ASCII, most of most messages, needs no ICU look-ups.
      const bool ascii = bytes[offset] < 0x80;
      UChar32 code_point = bytes[offset];
      if (ascii) {
        ++offset;
      } else {
        U8_NEXT(bytes, offset, length, code_point);
        if (code_point < 0) code_point = 0xFFFD;
      }
      last = code_point;
      const auto byte = static_cast<unsigned char>(code_point);
      if (!(ascii ? absl::ascii_isalnum(byte) : IsWordPart(code_point))) {
        Flush();
        if (EndsSentence(code_point)) sentence_start_ = true;
        continue;
      }
      if (!ascii && WrittenWithoutSpaces(code_point)) {
        Flush();
        std::string single;
        AppendFolded(code_point, &single);
        Emit(single, single);
        sentence_start_ = first_of_line_ = false;
        continue;
      }
      if (run_letters_ == 0) {
        run_capitalised_ =
            ascii ? absl::ascii_isupper(byte) : u_isupper(code_point) || u_istitle(code_point);
      }
      if (ascii ? absl::ascii_isdigit(byte) : u_isdigit(code_point)) run_has_digit_ = true;
      ++run_letters_;
      if (ascii) {
        run_.push_back(absl::ascii_tolower(byte));
      } else {
        AppendFolded(code_point, &run_);
      }
    }
    Flush();
    if (EndsSentence(last)) sentence_start_ = true;
  }

  void Flush() {
    if (run_letters_ == 0) return;
    if (run_has_digit_) {
      Emit("#", "#");
    } else {
      const bool name =
          run_capitalised_ && run_letters_ > 1 &&
          ((salutation_ && !first_of_line_) || (!sentence_start_ && options_.capitals_mark_names));
      Emit(run_, name ? std::string("<name>") : run_);
    }
    run_.clear();
    run_letters_ = 0;
    run_has_digit_ = false;
    run_capitalised_ = false;
    sentence_start_ = false;
    first_of_line_ = false;
  }

  const TextOptions& options_;
  NormalizedText out_;
  bool salutation_ = false;
  bool sentence_start_ = true;
  bool first_of_line_ = true;
  std::string run_;
  int run_letters_ = 0;
  bool run_has_digit_ = false;
  bool run_capitalised_ = false;
};

}  // namespace

std::string NewText(absl::string_view body) {
  std::string out;
  out.reserve(body.size());
  for (absl::string_view line : absl::StrSplit(body, '\n')) {
    const absl::string_view trimmed = absl::StripAsciiWhitespace(line);
    if (IsReplyHeader(trimmed)) break;
    if (absl::StartsWith(trimmed, ">")) continue;
    out.append(line.data(), line.size()).push_back('\n');
  }
  return out;
}

NormalizedText NormalizeText(absl::string_view text, const TextOptions& options) {
  return Normalizer(options).Run(text);
}

std::string FoldPhrase(absl::string_view phrase) {
  return NormalizeText(phrase, TextOptions{.capitals_mark_names = false}).plain;
}

}  // namespace tact
