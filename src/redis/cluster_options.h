// How tact reaches a Redis Cluster: its seed nodes, credentials and the
// limits every call keeps to, and the `redis://` address that names them on
// the command line.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace tact::redis {

struct Endpoint {
  std::string host;
  int port = 0;

  std::string ToString() const;
  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

struct ClusterOptions {
  // Nodes asked for the slot map at start-up and whenever the map is stale;
  // any one of the cluster's nodes is enough.
  std::vector<Endpoint> seeds;
  // AUTH: a password alone (requirepass), or a user and password (ACL).
  std::string user;
  std::string password;
  // Opening a connection to one node.
  absl::Duration connect_timeout = absl::Milliseconds(500);
  // Waiting for one reply; past it the connection is dropped and the
  // command's outcome is unknown.
  absl::Duration command_timeout = absl::Milliseconds(1000);
  // A call's whole budget for redirects, reconnects and the cluster's
  // TRYAGAIN/CLUSTERDOWN answers during failover or resharding.
  absl::Duration retry_budget = absl::Milliseconds(1000);
  // The longest wait before trying a node that refused a connection again;
  // waits start at 10 ms and double.
  absl::Duration max_backoff = absl::Milliseconds(500);
};

// Parses `redis://[[user]:password@]host:port[,host:port...][?name=value&...]`.
// Parameters: connect_timeout_ms, command_timeout_ms, retry_budget_ms,
// max_backoff_ms. Errors name the part of the address that is wrong.
absl::StatusOr<ClusterOptions> ParseClusterUrl(absl::string_view url);

// The address without its password, for logs and /readyz.
std::string RedactedUrl(const ClusterOptions& options);

}  // namespace tact::redis
