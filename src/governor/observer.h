// What the Governor tells the outside as it works: the Observe stage's
// counters that live outside it (Prometheus metrics in the server). Every
// method has a default that ignores it, so an entry point that counts
// nothing (tact report) passes a NullObserver.
//
// Thread safety: called from any thread, concurrently; implementations
// must be thread-safe.
#pragma once

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
  // A policy replacement, accepted or refused.
  virtual void OnPolicyReload(bool /*accepted*/) {}
};

class NullObserver : public GovernorObserver {};

}  // namespace tact
