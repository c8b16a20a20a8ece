#include "events/providers/provider.h"

#include <array>

#include "absl/strings/str_cat.h"

namespace tact {
namespace {

constexpr std::array<absl::string_view, kProviderCount> kNames = {"sendgrid", "mailgun", "postmark",
                                                                  "ses", "twilio"};

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

}  // namespace tact
