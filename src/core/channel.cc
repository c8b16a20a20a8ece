#include "core/channel.h"

#include "absl/strings/string_view.h"

namespace tact {
namespace {
constexpr std::array<absl::string_view, kChannelCount> kNames = {"email", "sms",    "push",
                                                                 "call",  "social", "direct_mail"};
}  // namespace

absl::string_view ChannelName(Channel channel) { return kNames[static_cast<int>(channel)]; }

std::optional<Channel> ParseChannel(absl::string_view name) {
  for (int index = 0; index < kChannelCount; ++index) {
    if (kNames[index] == name) return static_cast<Channel>(index);
  }
  return std::nullopt;
}

absl::string_view ChannelNamesList() { return "email, sms, push, call, social, direct_mail"; }

}  // namespace tact
