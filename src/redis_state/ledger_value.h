// FROZEN (Redis format 2, redis_state/redis_format.h): a sent touch's ledger
// entry as a field's value in a {T}L:<bucket> hash. Shorter than the
// embedded store's encoding (store/ledger_codec.h), because every byte of
// it is kept for every send for the ledger's retention:
//   minute (int32) | channel (uint8) | kind (uint8) | outcomes (uint16) |
//   flags (uint8) | person id | campaign | list | team | sender | tool |
//   domain, when flag 1 is set | fingerprint (uint64), when flag 2 is set
// Strings are a LEB128 length and their bytes; numbers little-endian. The
// outcomes are bytes 7 and 8 (1-based), where the scripts that mark them
// look. Without flag 1 the domain is the sender's text after its last '@'
// (the common case, so it is not kept twice); without flag 2 the
// fingerprint is 0.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ports/touch_ledger.h"

namespace tact {

std::string EncodeLedgerValue(const LedgerEntry& entry);
// Errors: InvalidArgument saying what is wrong.
absl::StatusOr<LedgerEntry> DecodeLedgerValue(absl::string_view bytes);

}  // namespace tact
