// Senders and threads are kept in person history as 32-bit keys hashed from
// their ids (XXH3), not interned: the keys are the same in every process and
// after every restart, so durable and shared stores need no id table. Two ids
// colliding for one person only makes the rule stricter, never looser.
#pragma once

#include <cstdint>
#include <string_view>

#include "absl/strings/string_view.h"

namespace tact {

using StableKey = uint32_t;

// 0 for the empty id ("no sender", "no thread"); otherwise never 0.
StableKey StableKeyOf(absl::string_view id);

// A team as a person's history keeps it: 16 bits of the same hash, so a
// touch record stays small. A report names it again from the teams it has
// seen (report/team_names.h); with a few dozen teams, two share a key about
// once in a hundred policies, and then a report names both.
using TeamKey = uint16_t;

// 0 for the empty team; otherwise never 0.
TeamKey TeamKeyOf(absl::string_view team);

}  // namespace tact
