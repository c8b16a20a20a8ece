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
#include "core/send_time.h"

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
  kResubscribed,        // resubscribed (SMS START, a provider's resubscribe)
};
inline constexpr int kEventTypeCount = 13;

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
  std::string list;                // unsubscribed/resubscribed: the list; empty: the whole channel
  std::string address;             // webhooks: the recipient's email or phone, to find the person
};

// What an event changes about the person it names. Pure: the service applies
// it to the store and the person's profile. Every effect is idempotent.
struct EventEffect {
  // When the event happened (its `at`, else its arrival): consent changes
  // apply in this order, not in the order events arrive.
  Minute at = 0;
  bool dated = false;  // `at` is the event's own time, not its arrival
  // A reply (or a booked meeting) at this minute: ends unanswered follow-ups.
  std::optional<Minute> reply;
  // An open, click, reply, meeting or conversion at this minute: the person
  // engages (engagement.dormant counts ignored touches after the last one).
  std::optional<Minute> engaged;
  // What the event says about when the person reads (core/send_time.h), at
  // `at`: an open or click that is not a machine's, or a reply. Machine
  // opens never count here, whatever the policy counts as engagement.
  std::optional<EngagementKind> reading;
  // The person withdrew consent on this channel (unsubscribe, spam complaint,
  // SMS STOP): later touches on it are suppressed by consent.<channel>.
  std::optional<Channel> opt_out;
  // The person opted in again (SMS START, a provider's resubscribe).
  std::optional<Channel> opt_in;
  // The person left (or rejoined) one list rather than the channel.
  std::string list_left;
  std::string list_joined;
  // The person's address on this channel bounced permanently.
  std::optional<Channel> undeliverable;

  // Whether the person's profile changes (consent, lists, addresses): such
  // changes are on disk before they are acknowledged.
  bool ChangesProfile() const {
    return opt_out || opt_in || undeliverable || !list_left.empty() || !list_joined.empty();
  }
};

// `arrived` stands in for a missing `at`. Machine-generated opens and clicks
// (a security scanner, Apple Mail Privacy Protection) are not the person's:
// they count as engagement only when `count_machine_opens` says so.
EventEffect EffectOf(const Event& event, absl::Time arrived, bool count_machine_opens = false);

// The channel an event is about: its own, or its type's usual one.
Channel ChannelOf(const Event& event);

}  // namespace tact
