#include "events/event.h"

namespace tact {
namespace {

constexpr std::array<absl::string_view, kEventTypeCount> kNames = {"delivered",
                                                                   "opened",
                                                                   "clicked",
                                                                   "replied",
                                                                   "meeting",
                                                                   "converted",
                                                                   "unsubscribed",
                                                                   "complained",
                                                                   "bounced_hard",
                                                                   "bounced_soft",
                                                                   "deferred_by_provider",
                                                                   "stop"};

}  // namespace

absl::string_view EventTypeName(EventType type) { return kNames[static_cast<int>(type)]; }

std::optional<EventType> ParseEventType(absl::string_view name) {
  for (int index = 0; index < kEventTypeCount; ++index) {
    if (kNames[index] == name) return static_cast<EventType>(index);
  }
  return std::nullopt;
}

absl::string_view EventTypeNamesList() {
  return "delivered, opened, clicked, replied, meeting, converted, unsubscribed, complained, "
         "bounced_hard, bounced_soft, deferred_by_provider, stop";
}

EventEffect EffectOf(const Event& event, absl::Time arrived) {
  EventEffect effect;
  if (event.machine) return effect;
  const Minute minute = ToMinute(event.at.value_or(arrived));
  switch (event.type) {
    case EventType::kReplied:
    case EventType::kMeeting:
      effect.reply = minute;
      break;
    case EventType::kUnsubscribed:
    case EventType::kComplained:
      effect.opt_out = event.channel.value_or(Channel::kEmail);
      break;
    case EventType::kStop:
      effect.opt_out = event.channel.value_or(Channel::kSms);
      break;
    default:
      break;
  }
  return effect;
}

}  // namespace tact
