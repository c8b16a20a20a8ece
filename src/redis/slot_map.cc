#include "redis/slot_map.h"

#include <algorithm>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tact::redis {
namespace {

absl::StatusOr<Endpoint> NodeOf(const Reply& node, const Endpoint& asked) {
  if (!node.is_array() || node.elements.size() < 2 ||
      node.elements[0].type != Reply::Type::kString ||
      node.elements[1].type != Reply::Type::kInteger) {
    return absl::InvalidArgumentError("CLUSTER SLOTS: a node is not [host, port, ...]");
  }
  Endpoint endpoint{node.elements[0].text, static_cast<int>(node.elements[1].integer)};
  if (endpoint.host.empty() || endpoint.host == "?") endpoint.host = asked.host;
  return endpoint;
}

}  // namespace

void SlotMap::AddNode(const Endpoint& endpoint) {
  if (std::find(nodes_.begin(), nodes_.end(), endpoint) == nodes_.end()) nodes_.push_back(endpoint);
}

uint16_t SlotMap::IndexOf(const Endpoint& endpoint) {
  auto found = std::find(masters_.begin(), masters_.end(), endpoint);
  if (found != masters_.end()) return static_cast<uint16_t>(found - masters_.begin());
  masters_.push_back(endpoint);
  AddNode(endpoint);
  return static_cast<uint16_t>(masters_.size() - 1);
}

absl::StatusOr<SlotMap> SlotMap::FromClusterSlots(const Reply& reply, const Endpoint& asked) {
  if (!reply.is_array()) return absl::InvalidArgumentError("CLUSTER SLOTS: not an array");
  SlotMap map;
  std::vector<bool> covered(kSlotCount, false);
  for (const Reply& range : reply.elements) {
    if (!range.is_array() || range.elements.size() < 3 ||
        range.elements[0].type != Reply::Type::kInteger ||
        range.elements[1].type != Reply::Type::kInteger) {
      return absl::InvalidArgumentError("CLUSTER SLOTS: a range is not [start, end, master, ...]");
    }
    int64_t first = range.elements[0].integer, last = range.elements[1].integer;
    if (first < 0 || last >= kSlotCount || first > last) {
      return absl::InvalidArgumentError(
          absl::StrCat("CLUSTER SLOTS: range ", first, "-", last, " is outside 0-16383"));
    }
    absl::StatusOr<Endpoint> master = NodeOf(range.elements[2], asked);
    if (!master.ok()) return master.status();
    uint16_t index = map.IndexOf(*master);
    for (int64_t slot = first; slot <= last; ++slot) {
      map.owner_[slot] = index;
      covered[slot] = true;
    }
    for (size_t i = 3; i < range.elements.size(); ++i) {
      absl::StatusOr<Endpoint> replica = NodeOf(range.elements[i], asked);
      if (!replica.ok()) return replica.status();
      map.AddNode(*replica);
    }
  }
  auto missing = std::find(covered.begin(), covered.end(), false);
  if (missing != covered.end()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "redis: slot ", missing - covered.begin(),
        " has no master: the cluster is not fully set up (redis-cli --cluster check)"));
  }
  return map;
}

std::vector<Endpoint> SlotMap::masters() const {
  std::vector<bool> serving(masters_.size(), false);
  for (uint16_t owner : owner_) serving[owner] = true;
  std::vector<Endpoint> result;
  for (size_t i = 0; i < masters_.size(); ++i) {
    if (serving[i]) result.push_back(masters_[i]);
  }
  return result;
}

void SlotMap::Move(int slot, const Endpoint& endpoint) { owner_[slot] = IndexOf(endpoint); }

}  // namespace tact::redis
