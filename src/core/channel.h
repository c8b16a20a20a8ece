// Channels through which a touch reaches a person. Values are stored in person
// history: do not reorder existing entries.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/strings/string_view.h"

namespace tact {

enum class Channel : uint8_t { kEmail, kSms, kPush, kCall, kSocial, kDirectMail };

inline constexpr int kChannelCount = 6;
inline constexpr std::array<Channel, kChannelCount> kAllChannels = {
    Channel::kEmail, Channel::kSms,    Channel::kPush,
    Channel::kCall,  Channel::kSocial, Channel::kDirectMail};

// The wire name: "email", "sms", "push", "call", "social", "direct_mail".
absl::string_view ChannelName(Channel channel);

// Parses a wire name; nullopt for anything else (case-sensitive).
std::optional<Channel> ParseChannel(absl::string_view name);

// The wire names joined by ", ", for error messages.
absl::string_view ChannelNamesList();

// A small set of channels, e.g. the channels quiet hours apply to.
class ChannelSet {
 public:
  void Add(Channel channel) { bits_ |= Bit(channel); }
  void Remove(Channel channel) { bits_ &= static_cast<uint8_t>(~Bit(channel)); }
  bool Contains(Channel channel) const { return (bits_ & Bit(channel)) != 0; }
  bool Empty() const { return bits_ == 0; }
  bool operator==(const ChannelSet&) const = default;

 private:
  static uint8_t Bit(Channel channel) { return uint8_t{1} << static_cast<int>(channel); }
  uint8_t bits_ = 0;
};

}  // namespace tact
