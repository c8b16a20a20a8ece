// Port: touches tact holds for tools that cannot ask again (a touch with
// on_limit = "hold" that the rules deferred). The Governor decides each again
// at its `due` time; once it may go (or may not: suppressed, expired) the
// tool is called back, and the callback is retried until it is delivered or
// dead-lettered. Listed and cancelled through GET/DELETE /v1/held.
//
//   held        waiting for `due` (the deferral's not_before) to decide again
//   calling     decided (send recorded, or suppressed); the callback is due
//               at `due` (retries back off)
//   delivered   the tool acknowledged the callback (2xx)
//   dead        the callback failed `max_attempts` times; kept for a person
//               to look at (and retried by hand: POST /v1/held/{id}/retry)
//   cancelled   cancelled while held; never decided again
//
// A held touch's id is the touch id its send is recorded under (reserved
// from Store::NewTouchId when it is held), so that after a crash between
// recording the send and marking it `calling`, the ledger shows it was
// recorded and it is never recorded twice.
//
// Contract for every implementation:
//   - Put replaces the held touch with the same id atomically; what Find,
//     Due and List return is a copy as last put.
//   - Due returns the held and calling touches whose `due` is at or before
//     `now`, earliest first. A state shared by several processes leases
//     what it returns: no process's Due returns it again for a while (the
//     lease), so that one process releases it; it may return fewer than
//     `limit`.
//   - Writes are durable as ports/persistence.h says once their mark is; a
//     held touch acknowledged to a caller survives a restart.
//   - Finished touches (delivered, dead, cancelled) are kept at least until
//     Forget is called for them.
//
// Thread safety: every method may be called from any thread. The Governor
// serialises the changes to one held touch.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/decision.h"
#include "core/touch.h"

namespace tact {

// Stored (held_touch_codec.h): new states go at the end.
enum class HeldState : uint8_t { kHeld, kCalling, kDelivered, kDead, kCancelled };
inline constexpr size_t kHeldStateCount = 5;
absl::string_view HeldStateName(HeldState state);
std::optional<HeldState> ParseHeldState(absl::string_view name);
// Whether tact still acts on it (held or calling).
inline bool IsActive(HeldState state) {
  return state == HeldState::kHeld || state == HeldState::kCalling;
}

struct HeldTouch {
  uint64_t id = 0;  // the touch id of its send; shown as "h_" and 16 hex digits
  Touch touch;      // as asked; `at` is when it was first asked
  HeldState state = HeldState::kHeld;
  absl::Time held_at;
  absl::Time due;      // held: when to decide again; calling: the next attempt
  absl::Time expires;  // the touch's expires, or its kind's max_delay after it was asked
  absl::Time changed_at;
  // Once decided (calling and after): send or suppress, the rule that
  // suppressed it ("" for a send), when.
  Outcome outcome = Outcome::kDefer;
  std::string rule;
  absl::Time decided_at;
  int attempts = 0;        // callbacks tried
  std::string last_error;  // of the last failed callback
};

// "h_" and 16 lowercase hex digits; ParseHeldId reads it back (nullopt when
// it is not one).
std::string HeldIdText(uint64_t id);
std::optional<uint64_t> ParseHeldId(absl::string_view text);

struct HeldQuery {
  std::optional<HeldState> state;
  std::string tool;       // "" for any
  std::string person_id;  // "" for any
  size_t limit = 100;
};

using HeldCounts = std::array<int64_t, kHeldStateCount>;  // by HeldState

class HeldTouches {
 public:
  virtual ~HeldTouches() = default;

  // Adds or replaces the held touch with `held.id`. The state's errors.
  virtual absl::Status Put(const HeldTouch& held) = 0;
  virtual absl::StatusOr<std::optional<HeldTouch>> Find(uint64_t id) const = 0;
  // Up to `limit` active held touches due at or before `now`, earliest first.
  virtual absl::StatusOr<std::vector<HeldTouch>> Due(absl::Time now, size_t limit) const = 0;
  // Those that match, the latest held first.
  virtual absl::StatusOr<std::vector<HeldTouch>> List(const HeldQuery& query) const = 0;
  virtual HeldCounts Counts() const = 0;
  // Forgets finished held touches last changed before `before`; how many.
  virtual absl::StatusOr<size_t> Forget(absl::Time before) = 0;
};

}  // namespace tact
