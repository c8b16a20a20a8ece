#include "core/address.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace tact {

std::optional<std::string> NormalizeEmail(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  const size_t at = text.find('@');
  if (at == absl::string_view::npos || at == 0 || at + 1 >= text.size() ||
      text.find('@', at + 1) != absl::string_view::npos || text.size() > 254) {
    return std::nullopt;
  }
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c)) || absl::ascii_iscntrl(c) || c == '<' ||
        c == '>' || c == ',')
      return std::nullopt;
  }
  return absl::AsciiStrToLower(text);
}

std::optional<std::string> NormalizePhone(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (!absl::ConsumePrefix(&text, "+")) return std::nullopt;
  std::string phone = "+";
  for (char c : text) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      phone.push_back(c);
    } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
      return std::nullopt;
    }
  }
  const size_t digits = phone.size() - 1;
  if (digits < 8 || digits > 15) return std::nullopt;
  return phone;
}

std::string EmailDomain(absl::string_view address) {
  const size_t at = address.rfind('@');
  if (at == absl::string_view::npos || at + 1 >= address.size()) return "";
  return absl::AsciiStrToLower(address.substr(at + 1));
}

std::string ToolIdKey(absl::string_view tool, absl::string_view id) {
  return absl::StrCat(absl::AsciiStrToLower(tool), ":", id);
}

std::vector<std::string> AddressKeys(const Person& person) {
  std::vector<std::string> keys;
  if (!person.email.empty()) keys.push_back(person.email);
  if (!person.phone.empty()) keys.push_back(person.phone);
  for (const auto& [tool, id] : person.tool_ids) keys.push_back(ToolIdKey(tool, id));
  return keys;
}

}  // namespace tact
