#include "events/providers/provider.h"

#include <array>

#include "absl/strings/str_cat.h"

namespace tact {
namespace {

constexpr std::array<absl::string_view, kProviderCount> kNames = {"sendgrid", "mailgun", "postmark",
                                                                  "ses", "twilio"};

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

absl::StatusOr<std::string> Unescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] == '%') {
      const int high = i + 2 < text.size() ? HexDigit(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? HexDigit(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("a malformed %-escape at byte ", i, " of the form body"));
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace

absl::string_view ProviderName(Provider provider) { return kNames[static_cast<int>(provider)]; }

std::optional<Provider> ParseProvider(absl::string_view name) {
  for (int index = 0; index < kProviderCount; ++index) {
    if (kNames[index] == name) return static_cast<Provider>(index);
  }
  return std::nullopt;
}

ProviderItem Mapped(Event event) {
  ProviderItem item;
  item.event = std::move(event);
  return item;
}

ProviderItem Ignored(std::string type) {
  ProviderItem item;
  item.ignored = type.empty() ? "(none)" : std::move(type);
  return item;
}

ProviderItem Problem(std::string field, std::string problem) {
  ProviderItem item;
  item.field = std::move(field);
  item.problem = std::move(problem);
  return item;
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ParseForm(std::string_view body) {
  std::vector<std::pair<std::string, std::string>> params;
  size_t start = 0;
  while (start <= body.size()) {
    size_t end = body.find('&', start);
    if (end == std::string_view::npos) end = body.size();
    const std::string_view pair = body.substr(start, end - start);
    if (!pair.empty()) {
      const size_t equals = pair.find('=');
      auto name = Unescape(pair.substr(0, equals));
      if (!name.ok()) return name.status();
      auto value = Unescape(equals == std::string_view::npos ? "" : pair.substr(equals + 1));
      if (!value.ok()) return value.status();
      params.emplace_back(*std::move(name), *std::move(value));
    }
    start = end + 1;
  }
  return params;
}

}  // namespace tact
