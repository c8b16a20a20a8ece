// One proposed contact, as a tool asks about it. Only person_id, channel and
// kind are required; the shells fill the rest from the request.
#pragma once

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "core/channel.h"
#include "core/kind.h"
#include "core/person.h"

namespace tact {

// What a touch that may not go now asks for: a defer the caller acts on, a
// suppress instead, or a hold (tact keeps it and calls the tool back when it
// may go: ports/held_touches.h). The values are stored (held_touch_codec.h):
// add new ones at the end.
enum class OnLimit : uint8_t { kDefer, kDrop, kHold };

// The largest step in a thread and the largest value a touch may give.
inline constexpr int kMaxStep = 255;
inline constexpr int kMaxValue = 100;

struct EventLocation {
  std::string country;
  std::optional<GeoPoint> point;
};

struct Touch {
  std::string person_id;
  Channel channel = Channel::kEmail;
  Kind kind = Kind::kPromotional;
  std::string sender;
  std::string team;
  std::string tool;
  std::string campaign;
  std::string list;      // the mailing list or subscription it goes out on; may be empty
  std::string topic;     // one of the policy's [preferences] topics; may be empty
  std::string thread;    // follow-up chain; empty when the touch stands alone
  int step = 0;          // position in the thread (to kMaxStep), 1 for the opener; 0 when unknown
  std::string priority;  // tier name; empty means the tier named after the kind
  int value = 0;         // 0 to kMaxValue, the caller's estimate of value to the person
  std::string language;
  std::optional<EventLocation> event_location;
  std::string subject;
  std::string body;
  std::optional<absl::Time> at;  // intended send time; the decision's `now` when absent
  // Unset: the tool's default (tact serve --callbacks), else defer.
  std::optional<OnLimit> on_limit;
  std::optional<absl::Time> expires;
  // When the touch was first asked about, if earlier than `at` (a deferred
  // touch asked again); the kind's max_delay counts from here.
  std::optional<absl::Time> first_asked;
  // Go when the person most likely reads ([send_time]): a send whose
  // best_at is later is deferred to it (send_time.best), and a deferral
  // waits until the best moment after its not_before. Only on the touch's
  // first ask (no first_asked before `at`), so that asking again at best_at
  // sends.
  bool at_best = false;
  std::string key;  // the caller's idempotency key
  // The tool's own name for what it holds back while tact holds the touch
  // (the milter: Postfix's queue id); given back in the tool's callback.
  std::string hold_ref;
  bool dry_run = false;
};

}  // namespace tact
