// Seen event ids as the embedded store keeps them (the journal's "events"
// column family). Frozen: every version reads what earlier ones wrote.
//   key:   the event id
//   value: minute seen (int32, little-endian) | type (uint8, the enum's
//          value) | person id
#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "core/minutes.h"
#include "events/event.h"

namespace tact {

std::string EncodeEventSeen(Minute seen, const Event& event);
// nullopt when `value` is too short to hold a minute and a type.
std::optional<Minute> EventSeenMinute(absl::string_view value);

}  // namespace tact
