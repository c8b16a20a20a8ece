// The touch ledger as the embedded store keeps it (the journal's "touches"
// column family). Frozen: every version reads what earlier ones wrote.
//   key:   the touch id, 8 bytes big-endian, so keys sort by id
//   value: minute (int32) | channel (uint8) | kind (uint8) | outcomes
//          (uint16) | person id | campaign | domain | list | fingerprint
//          (uint64) | team | sender | tool
// Strings are a uint16 length and their bytes; little-endian throughout.
// Channel and kind are their enums' values, so those enums only ever grow at
// the end. Entries written before texts were fingerprinted end after the
// list; those written before the mirror, after the fingerprint.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ports/touch_ledger.h"

namespace tact {

std::string EncodeLedgerEntry(const LedgerEntry& entry);
// Errors: InvalidArgument saying what is wrong.
absl::StatusOr<LedgerEntry> DecodeLedgerEntry(absl::string_view bytes);

std::string TouchKey(uint64_t id);
uint64_t TouchIdOfKey(absl::string_view key);

}  // namespace tact
