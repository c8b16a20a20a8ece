// Store is the only place person state lives. Every change to a person's
// history goes through Apply, which runs atomically per person: calls for one
// person are linearizable; calls for different people run in parallel.
//
// A change that records a send hands back the touch's ledger entry, and the
// store adds it to the state's touch ledger with the history: atomically on
// a store shared by several nodes (one script), under the person's lock in
// one process. Either way no reader sees the send without its entry for
// longer than the call.
//
// Errors (a store on the network; the in-memory ones never fail):
//   Unavailable        nothing was stored: safe to retry
//   Unknown, DeadlineExceeded
//                      the write may or may not have been stored
//   Aborted            too many other nodes changed the person at once
//   DataLoss           the stored history does not decode
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/history.h"
#include "core/minutes.h"
#include "ports/touch_ledger.h"

namespace tact {

struct StoreStats {
  size_t people = 0;
  size_t touches = 0;
  size_t bytes = 0;  // memory held for person state, table overhead included
};

// A sent touch's entry in the touch ledger, written with the history that
// records the send.
struct LedgerWrite {
  uint64_t touch_id = 0;  // from NewTouchId for the same person
  LedgerEntry entry;
  // Touches sent before this may be forgotten; kNever: kept for good.
  Minute oldest_kept = kNever;
};

using HistoryChange = absl::FunctionRef<std::optional<LedgerWrite>(History&)>;

// One change of ApplyAll's.
struct PersonChange {
  absl::string_view person_id;
  HistoryChange change;
};

class Store {
 public:
  virtual ~Store() = default;

  // Runs `change` with exclusive access to the person's history (empty when
  // the person is new) and stores the result with the ledger entry it
  // returns, if any. `change` must not call the store, and must depend on
  // the history only: a shared store runs it again on what another node
  // wrote first, and the last run is the one stored.
  virtual absl::Status Apply(absl::string_view person_id, HistoryChange change) = 0;

  // Applies `changes` as Apply would one after another (a change sees the
  // ones before it for its person), and answers each one's outcome in
  // order. A shared store writes them together: one round trip per node
  // for the lot, and more only for people another node changed meanwhile.
  // A person's changes share one outcome there.
  virtual std::vector<absl::Status> ApplyAll(absl::Span<const PersonChange> changes) {
    std::vector<absl::Status> outcomes;
    outcomes.reserve(changes.size());
    for (const PersonChange& change : changes) {
      outcomes.push_back(Apply(change.person_id, change.change));
    }
    return outcomes;
  }

  // A hint that the person's history is about to be read or changed: a
  // store in memory starts loading it into the cache and returns without
  // waiting, so that the wait overlaps other work (their profile's look-up,
  // the decisions before theirs in a batch). Never fails; the person need
  // not be stored. By default it does nothing.
  virtual void Prefetch(absl::string_view person_id) const { (void)person_id; }

  // A copy of the person's history, or nullopt if the store has none.
  virtual absl::StatusOr<std::optional<History>> Get(absl::string_view person_id) const = 0;

  // An id, unique in this state, for a touch to `person_id` (a shared store
  // puts the person's place in it, so events naming the touch find it
  // without an index).
  virtual uint64_t NewTouchId(absl::string_view person_id) = 0;

  virtual StoreStats Stats() const = 0;
};

}  // namespace tact
