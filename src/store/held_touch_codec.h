// A held touch as the embedded store keeps it (the journal's default column
// family, key "held/" and the id as 16 hex digits). Frozen: every version
// reads what earlier ones wrote; new fields go at the end.
//   value: version (1 to 3) | id (fixed u64) | state | outcome | attempts (varint)
//          | held_at | due | expires | changed_at | decided_at | rule
//          | last_error | the touch
//   touch: person_id | channel | kind | sender | team | tool | campaign | list
//          | thread | step (varint) | priority | value (varint) | language
//          | subject | body | key | on_limit (0 unset, else the enum + 1)
//          | at? | expires? | first_asked? | event location?
//          | hold_ref (version 2; version 1 has none: "")
//          | topic (version 3; earlier ones have none: "")
// Times are signed microseconds since 1970 (fixed i64; the largest value for
// a held touch that never expires); an optional one is a
// byte (0 absent, 1 present) and then the time. The event location is a
// byte (0 none, 1 country only, 2 with a point), the country and then lat,
// lon (fixed doubles). Enums are their values: they only grow at the end.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ports/held_touches.h"

namespace tact {

inline constexpr absl::string_view kHeldKeyPrefix = "held/";

std::string EncodeHeldTouch(const HeldTouch& held);
// Errors: InvalidArgument saying what is wrong.
absl::StatusOr<HeldTouch> DecodeHeldTouch(absl::string_view bytes);
std::string HeldTouchKey(uint64_t id);

}  // namespace tact
