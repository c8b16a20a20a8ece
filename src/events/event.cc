#include "events/event.h"

#include "core/enum_names.h"

namespace tact {
namespace {

constexpr EnumNames<EventType, kEventTypeCount> kNames(
    {"delivered", "opened", "clicked", "replied", "meeting", "converted", "unsubscribed",
     "complained", "bounced_hard", "bounced_soft", "deferred_by_provider", "stop", "resubscribed"});

}  // namespace

absl::string_view EventTypeName(EventType type) { return kNames.Name(type); }

std::optional<EventType> ParseEventType(absl::string_view name) { return kNames.Parse(name); }

absl::string_view EventTypeNamesList() {
  static const std::string* const list = new std::string(kNames.List());
  return *list;
}

Channel ChannelOf(const Event& event) {
  if (event.channel) return *event.channel;
  return event.type == EventType::kStop ? Channel::kSms : Channel::kEmail;
}

EventEffect EffectOf(const Event& event, absl::Time arrived, bool count_machine_opens) {
  EventEffect effect;
  const Minute minute = ToMinute(event.at.value_or(arrived));
  effect.at = minute;
  effect.dated = event.at.has_value();
  const Channel channel = ChannelOf(event);
  switch (event.type) {
    case EventType::kOpened:
    case EventType::kClicked:
      if (!event.machine || count_machine_opens) effect.engaged = minute;
      if (!event.machine) {
        effect.reading =
            event.type == EventType::kOpened ? EngagementKind::kOpen : EngagementKind::kClick;
      }
      break;
    case EventType::kReplied:
    case EventType::kMeeting:
      if (event.machine) break;
      effect.reply = minute;
      effect.engaged = minute;
      if (event.type == EventType::kReplied) effect.reading = EngagementKind::kReply;
      break;
    case EventType::kConverted:
      if (!event.machine) effect.engaged = minute;
      break;
    case EventType::kUnsubscribed:
      if (event.list.empty()) {
        effect.opt_out = channel;
      } else {
        effect.list_left = event.list;
      }
      break;
    case EventType::kComplained:
    case EventType::kStop:
      effect.opt_out = channel;
      break;
    case EventType::kResubscribed:
      if (event.list.empty()) {
        effect.opt_in = channel;
      } else {
        effect.list_joined = event.list;
      }
      break;
    case EventType::kBouncedHard:
      effect.undeliverable = channel;
      break;
    default:
      break;
  }
  return effect;
}

}  // namespace tact
