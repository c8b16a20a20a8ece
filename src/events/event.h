// An outcome a provider or tool reports about a touch: delivery, engagement,
// opt-outs and failures. Events carry the sender's idempotency key (`id`);
// the service applies each id once.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/channel.h"
#include "core/minutes.h"

namespace tact {

// Wire names in parentheses. Values may be stored: append only.
enum class EventType : uint8_t {
  kDelivered,           // delivered
  kOpened,              // opened
  kClicked,             // clicked
  kReplied,             // replied
  kMeeting,             // meeting
  kConverted,           // converted
  kUnsubscribed,        // unsubscribed
  kComplained,          // complained (marked as spam)
  kBouncedHard,         // bounced_hard
  kBouncedSoft,         // bounced_soft
  kDeferredByProvider,  // deferred_by_provider
  kStop,                // stop (inbound SMS opt-out)
};
inline constexpr int kEventTypeCount = 12;

absl::string_view EventTypeName(EventType type);
std::optional<EventType> ParseEventType(absl::string_view name);
// The wire names joined by ", ", for error messages.
absl::string_view EventTypeNamesList();

struct Event {
  std::string id;  // idempotency key, e.g. the provider's event id
  EventType type = EventType::kDelivered;
  std::string person_id;
  std::optional<Channel> channel;  // absent: the type's usual channel (EffectOf)
  std::string touch_id;            // the recorded touch it answers, when known
  std::optional<absl::Time> at;    // when it happened; absent: when it arrived
  bool machine = false;            // an open or click by a scanner or privacy proxy
};

// What an event changes about the person it names. Pure: the service applies
// it to the store and the person's profile.
struct EventEffect {
  // A reply (or a booked meeting) at this minute: ends unanswered follow-ups.
  std::optional<Minute> reply;
  // The person withdrew consent on this channel (unsubscribe, spam complaint,
  // SMS STOP): later touches on it are suppressed by consent.<channel>.
  std::optional<Channel> opt_out;
};

// `arrived` stands in for a missing `at`. Machine-generated events change
// nothing: a security scanner's click is not the person's.
EventEffect EffectOf(const Event& event, absl::Time arrived);

}  // namespace tact
