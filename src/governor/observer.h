// What the Governor tells the outside as it works: the Observe stage's
// counters that live outside it (Prometheus metrics in the server). Every
// method has a default that ignores it, so an entry point that counts
// nothing (tact report) passes a NullObserver.
//
// Thread safety: called from any thread, concurrently; implementations
// must be thread-safe.
#pragma once

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/decision.h"
#include "events/event.h"

namespace tact {

class GovernorObserver {
 public:
  virtual ~GovernorObserver() = default;
  // Each answered decision (dry runs too).
  virtual void OnDecision(const Decision& /*decision*/) {}
  // Each event applied for the first time.
  virtual void OnEvent(EventType /*type*/) {}
  // A consent or list change older than the last opposite one (ignored).
  virtual void OnIgnoredConsentChange() {}
  // `touches` decided together, sharing the state's round trips (a batch,
  // or single asks that arrived together: Governor::DecideAll).
  virtual void OnDecidedTogether(size_t /*touches*/) {}
  // A policy replacement, accepted or refused.
  virtual void OnPolicyReload(bool /*accepted*/) {}
  // The state failed a request (`status`: the port's error; ports/store.h):
  // `stage` is "load" or "decide" (a decision) or "event".
  virtual void OnStateFailure(absl::string_view /*stage*/, const absl::Status& /*status*/) {}
};

class NullObserver : public GovernorObserver {};

}  // namespace tact
