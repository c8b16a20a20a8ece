// FROZEN: a person's history as the embedded store keeps it on disk
// (little-endian):
//   int32 last_reply | int32 last_engaged | uint16 ignored_pruned | uint8
//   flags (1: dormant noted, 2: a send-time profile follows) | 5 zero bytes |
//   with flag 2, the send-time profile: int32 as_of day | uint8 × 168
//   weights (core/send_time.h) | 4 zero bytes |
//   touches × n, 24 bytes each (the record of core/history.h and its text's
//   fingerprint; history_codec.cc lays them out)
// Histories written by earlier versions (16-byte touches without a content
// fingerprint) are still read. The data directory's FORMAT version covers
// this layout.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/history.h"

namespace tact {

void EncodeHistory(const History& history, std::string* out);

// InvalidArgument when `bytes` is not a whole encoded history.
absl::StatusOr<History> DecodeHistory(absl::string_view bytes);

}  // namespace tact
