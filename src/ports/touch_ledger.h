// Port: every sent touch by the id tact returned with it, for as long as
// events about it may arrive: whom it reached, on which channel, for which
// campaign and sending domain, and which outcomes were reported. Webhooks
// link events to touches through it (the id travels as the provider's
// custom argument), and the mirror credits outcomes to the touch's source.
//
// Contract for every implementation:
//   - Add and MarkOutcome are atomic per touch id; MarkOutcome returns the
//     entry as it was before, so exactly one caller sees a given outcome
//     reported first (even across nodes sharing the ledger).
//   - An entry is kept at least until `oldest_kept` passes its minute;
//     forgetting it earlier loses the link, never a decision.
//   - Writes are durable as ports/persistence.h says once their mark is.
//   - A ledger on the network reports failures as the Store port does
//     (ports/store.h): Unavailable, nothing changed; Unknown or
//     DeadlineExceeded, it may have.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/channel.h"
#include "core/kind.h"
#include "core/minutes.h"
#include "events/event.h"

namespace tact {

struct LedgerEntry {
  std::string person_id;
  std::string campaign;
  std::string domain;  // the sending domain (from the touch's sender address)
  std::string list;
  Minute minute = 0;
  Channel channel = Channel::kEmail;
  Kind kind = Kind::kPromotional;
  uint16_t outcomes = 0;     // bit (1 << EventType) per outcome reported
  uint64_t fingerprint = 0;  // the text's SimHash (content/fingerprint.h); 0: no text
  // Where the touch came from, for the mirror (report/mirror.h).
  std::string team, sender, tool;

  bool Has(EventType type) const { return (outcomes >> static_cast<int>(type)) & 1; }
};

// "t_" and 16 hex digits, as the Governor mints them; nullopt otherwise.
std::optional<uint64_t> ParseTouchId(absl::string_view text);
std::string FormatTouchId(uint64_t id);

class TouchLedger {
 public:
  virtual ~TouchLedger() = default;

  // Adds a sent touch; touches sent before `oldest_kept` may be
  // forgotten from then on (kNever: kept for good). The Governor adds
  // entries through Store::Apply; this is for loading and moving state.
  virtual absl::Status Add(uint64_t id, LedgerEntry entry, Minute oldest_kept) = 0;
  // The entry, or nullopt when the id is unknown.
  virtual absl::StatusOr<std::optional<LedgerEntry>> Find(uint64_t id) const = 0;
  // Records that `type` was reported for the touch; returns the entry as it
  // was before (nullopt when the id is unknown).
  virtual absl::StatusOr<std::optional<LedgerEntry>> MarkOutcome(uint64_t id, EventType type) = 0;
};

}  // namespace tact
