// Port: the ids of events already applied, so that a provider retrying a
// webhook or a tool re-posting a batch changes nothing twice.
//
// Contract for every implementation:
//   - ApplyOnce runs `apply` at most once per id within the event window
//     (the implementation's; documented where it is chosen), and calls
//     with one id are serialised: of two concurrent calls, one applies.
//   - The effect runs before the id is recorded: a crash between them
//     leaves the id unrecorded and a retry applies the effect again, so
//     `apply` must be idempotent.
//   - Recorded ids are durable as ports/persistence.h says once their mark is.
//   - When `apply` fails, the id is not recorded and its error is returned.
//   - A shared implementation answers Unavailable while another node is
//     applying the same id (the caller retries later, never drops it), and
//     reports its own failures as the Store port does (ports/store.h).
//
// Thread safety: every method may be called from any thread.
#pragma once

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "events/event.h"

namespace tact {

class EventIds {
 public:
  virtual ~EventIds() = default;

  // Runs `apply` and records `event.id` unless the id was recorded within
  // the window before `now`; true when it ran, false for a repeat.
  virtual absl::StatusOr<bool> ApplyOnce(const Event& event, absl::Time now,
                                         absl::FunctionRef<absl::Status()> apply) = 0;
};

}  // namespace tact
