// One thread's connections to the nodes of a cluster, with a back-off per
// node after a refused connection, so that a dead master is not dialled on
// every call. Used by the cluster client only.
//
// Not thread-safe: each thread has its own (redis/cluster_client.h).
#pragma once

#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "redis/cluster_options.h"
#include "redis/connection.h"

namespace tact::redis {

class NodeLinks {
 public:
  struct Opened {
    int64_t connects = 0;
    int64_t failures = 0;
  };

  explicit NodeLinks(const ClusterOptions& options) : options_(options) {}

  // The open connection to `node`, opening one if there is none. Unavailable
  // while the node is backing off after a refused connection.
  absl::StatusOr<Connection*> Get(const Endpoint& node, absl::Time now);
  // Forgets a broken connection; the next Get opens another at once.
  void Drop(const Endpoint& node);
  // Connections opened and refused since the last call.
  Opened TakeOpened();

 private:
  struct Link {
    std::unique_ptr<Connection> connection;
    absl::Time retry_at = absl::InfinitePast();
    absl::Duration backoff = absl::ZeroDuration();
    std::string last_error;
  };

  const ClusterOptions& options_;
  absl::flat_hash_map<std::string, Link> links_;
  Opened opened_;
};

}  // namespace tact::redis
