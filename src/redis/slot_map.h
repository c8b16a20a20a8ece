// Which node serves which hash slot: the cluster's answer to CLUSTER SLOTS,
// as a table of 16,384 entries. A value; the cluster client shares one
// immutable map between threads and replaces it whole when it goes stale.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "redis/cluster_options.h"
#include "redis/reply.h"
#include "redis/slot.h"

namespace tact::redis {

class SlotMap {
 public:
  // From CLUSTER SLOTS' reply. A node listed with an empty or "?" host is
  // reachable at `asked`'s host (Redis's convention). InvalidArgument when
  // the reply is not shaped as CLUSTER SLOTS answers; FailedPrecondition
  // when some slot has no master (the cluster is not fully set up).
  static absl::StatusOr<SlotMap> FromClusterSlots(const Reply& reply, const Endpoint& asked);

  // The master serving `slot`.
  const Endpoint& MasterOf(int slot) const { return masters_[owner_[slot]]; }
  // Every master that serves some slot, each once.
  std::vector<Endpoint> masters() const;
  // Every node the map names (masters and replicas): where to ask for a
  // fresh map.
  const std::vector<Endpoint>& nodes() const { return nodes_; }

  // The map after a MOVED: `slot` is now served by `endpoint`.
  void Move(int slot, const Endpoint& endpoint);

 private:
  // The master's index in masters_, added when new.
  uint16_t IndexOf(const Endpoint& endpoint);
  void AddNode(const Endpoint& endpoint);

  std::array<uint16_t, kSlotCount> owner_{};
  std::vector<Endpoint> masters_;
  std::vector<Endpoint> nodes_;
};

}  // namespace tact::redis
