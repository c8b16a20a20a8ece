// Which of a Redis Cluster's 16,384 hash slots a key belongs to, as the
// cluster specification defines it: CRC16 (XModem) of the key, or of its
// hash tag — the part between the first '{' and the next '}' when that part
// is not empty — modulo 16,384. Keys that share a tag share a slot, which is
// what lets one script touch all of a person's keys atomically.
//
// Pure functions; thread-safe.
#pragma once

#include <cstdint>

#include "absl/strings/string_view.h"

namespace tact::redis {

inline constexpr int kSlotCount = 16384;

// CRC16/XModem (polynomial 0x1021, initial value 0), as Redis computes it.
uint16_t Crc16(absl::string_view bytes);

// The part of `key` that is hashed: its hash tag, or the whole key.
absl::string_view HashedPart(absl::string_view key);

// The slot of `key`, in [0, kSlotCount).
int SlotOf(absl::string_view key);

}  // namespace tact::redis
