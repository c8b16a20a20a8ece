#include "core/channel.h"

#include "core/enum_names.h"

namespace tact {
namespace {
constexpr EnumNames<Channel, kChannelCount> kNames({"email", "sms", "push", "call", "social",
                                                    "direct_mail"});
}  // namespace

absl::string_view ChannelName(Channel channel) { return kNames.Name(channel); }

std::optional<Channel> ParseChannel(absl::string_view name) { return kNames.Parse(name); }

absl::string_view ChannelNamesList() {
  static const std::string* const list = new std::string(kNames.List());
  return *list;
}

}  // namespace tact
