// FROZEN (Redis format 2, redis_state/redis_format.h): a person's history
// as the bytes after the version in their record. Shorter than the
// embedded store's fixed-width encoding (store/history_codec.h), because a
// cluster keeps every person's record in memory:
//   flags (uint8: 1 dormant noted, 2 last reply, 4 last engaged,
//          8 ignored pruned, 16 send-time profile) | last reply (zigzag
//   varint, with flag 2) | last engaged (zigzag varint, with flag 4) |
//   ignored pruned (varint, with flag 8) | with flag 16, the send-time
//   profile (core/send_time.h): as_of day (zigzag varint) | hours with a
//   weight (varint) | per such hour, in increasing order: hour of the week
//   (uint8) | weight (uint8) |
//   touches (varint) | per touch, oldest first:
//     minute (zigzag varint for the first, then the varint of the minutes
//     since the one before) | channel × 16 + kind (uint8) | bits (uint8:
//     1 counts for budgets, 2 sender, 4 thread, 8 fingerprint, 16 team) |
//     step (uint8) | sender (uint32), thread (uint32), fingerprint
//     (uint64), team (uint16; added within format 2), each only with its bit
// Numbers are little-endian. A touch of an email without a thread or text
// takes 11 bytes here, 24 there.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/history.h"

namespace tact {

void EncodeHistoryValue(const History& history, std::string* out);
// Errors: InvalidArgument saying what is wrong.
absl::StatusOr<History> DecodeHistoryValue(absl::string_view bytes);

}  // namespace tact
