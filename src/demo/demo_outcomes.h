// What the demo's sent touches bring back, so that the mirror has something
// to show: deliveries, opens and clicks, replies and meetings, unsubscribes,
// complaints and bounces, at rates that differ the way they do in life. A
// researched seller's opener gets replies and meetings; the scripted sellers'
// "just checking in" gets unsubscribes and complaints; the re-sent launch
// and the far-away summit invitation annoy; customer success gets answers.
// Deterministic: the same touch and seed always give the same outcomes.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "core/touch.h"
#include "events/event.h"

namespace tact {

// Instead of an event, some people change their preferences after a
// promotion: they choose the weekly frequency, or take a four-week break.
enum class DemoChoice : uint8_t { kNone, kWeekly, kBreak };

struct DemoOutcome {
  EventType type = EventType::kDelivered;  // unless `choice` is set
  absl::Duration after;                    // since the send
  DemoChoice choice = DemoChoice::kNone;
};

std::vector<DemoOutcome> DemoOutcomesOf(const Touch& touch, uint64_t seed = 1);

}  // namespace tact
