// Port: when the state's changes are durable, so that nothing acknowledged
// is ever lost. Every write through the other ports advances the state's
// mark; a response that acknowledges changes waits until the mark it read
// after making them is durable.
//
// Contract for every implementation:
//   - Mark() covers every write that returned before it was read.
//   - WhenDurable calls `done` exactly once: with OK once everything up to
//     the mark is as durable as the urgency requires (Urgency::kAlways:
//     opt-outs, complaints and consent, which must survive any single
//     failure the implementation promises to survive), or with the error
//     that makes that impossible.
//   - After Health() reports an error, nothing more is acknowledged until it
//     clears (a full disk) or tact restarts (a failed write).
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "core/minutes.h"

namespace tact {

// Whether an acknowledgement waits for the strongest durability the state
// offers, or what its mode says for ordinary changes.
enum class Urgency { kByMode, kAlways };

class Persistence {
 public:
  virtual ~Persistence() = default;

  // False when state lives in memory only (nothing waits, a restart forgets).
  virtual bool durable() const = 0;
  virtual uint64_t Mark() const = 0;
  virtual void WhenDurable(uint64_t mark, Urgency urgency,
                           std::function<void(absl::Status)> done) = 0;
  virtual absl::Status Health() const = 0;
  // Whether the state answers now, for readiness probes: Health(), and for
  // state on the network a round trip to it. A state on the network keeps
  // Health() OK while it is unreachable: each request then fails on its own
  // and the Governor answers what the policy chooses (ports/store.h).
  virtual absl::Status Probe() { return Health(); }
  // How long histories and the touch ledger must be kept (the policy's
  // retention); older state may be dropped.
  virtual void SetRetention(Minute history_minutes, Minute ledger_minutes) = 0;
  // A consistent copy of the state in `to`; FailedPrecondition when the
  // state cannot be copied so (in memory).
  virtual absl::Status Backup(const std::string& to) = 0;
};

}  // namespace tact
