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

}  // namespace tact
