// Everything a Redis Cluster holds of tact's people and accounts — their
// histories and profiles — read with SCAN on every master, for the tools
// that need all of it rather than one person (tact plan --state redis://…).
// It reads while nodes serve, but a reshard meanwhile can show a key twice
// or not at all (SCAN's promise is per node): read a cluster whose slots
// are not moving.
//
// Thread safety: reentrant; the client may be shared.
#pragma once

#include <cstddef>

#include "absl/status/statusor.h"
#include "ports/profile_store.h"
#include "ports/store.h"
#include "ports/touch_ledger.h"
#include "redis/cluster_client.h"

namespace tact {

struct ScannedState {
  size_t histories = 0;
  size_t people = 0;
  size_t accounts = 0;
  size_t touches = 0;  // ledger entries, when asked for
};

// Puts every history into `histories`, every person and account into
// `profiles` and, with `ledger`, every sent touch's ledger entry into it
// (replacing what they held of the same ids). The cluster's errors, and
// DataLoss naming a record that does not decode.
absl::StatusOr<ScannedState> ScanInto(redis::ClusterClient& client, Store& histories,
                                      ProfileStore& profiles, TouchLedger* ledger = nullptr);

}  // namespace tact
