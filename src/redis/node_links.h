// One thread's connections to the nodes of a cluster, with a back-off per
// node after a refused connection, so that a dead master is not dialled on
// every call. Used by the cluster client only.
//
// Not thread-safe: each thread has its own (redis/cluster_client.h).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "redis/cluster_options.h"
#include "redis/connection.h"

namespace tact::redis {

// Connections opened and refused, shared by every thread's links.
struct LinkCounters {
  std::atomic<int64_t> connects{0};
  std::atomic<int64_t> failures{0};
};

class NodeLinks {
 public:
  // `options` and `counters` must outlive the links.
  NodeLinks(const ClusterOptions& options, LinkCounters& counters)
      : options_(options), counters_(counters) {}

  // The open connection to `node`, opening one if there is none or the last
  // one broke. Unavailable while the node is backing off after a refused
  // connection.
  absl::StatusOr<Connection*> Get(const Endpoint& node, absl::Time now);

 private:
  struct Link {
    std::unique_ptr<Connection> connection;
    absl::Time retry_at = absl::InfinitePast();
    absl::Duration backoff = absl::ZeroDuration();
    std::string last_error;
  };

  const ClusterOptions& options_;
  LinkCounters& counters_;
  absl::flat_hash_map<std::string, Link> links_;
};

}  // namespace tact::redis
