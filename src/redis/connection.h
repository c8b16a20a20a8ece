// One connection to one Redis node, over hiredis. Used by the cluster client
// only (redis/cluster_client.h is the header the rest of tact includes).
//
// Commands are queued with Append and sent together by Send, or by the first
// Read that finds no reply buffered: a pipeline is N Appends then N Reads. Once a
// Read fails (timeout, reset, protocol error) the connection is broken and
// every later call fails; the caller drops it and opens another.
//
// Not thread-safe: one thread uses a connection at a time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "redis/cluster_options.h"
#include "redis/reply.h"

struct redisContext;

namespace tact::redis {

class Connection {
 public:
  // Connects within options.connect_timeout, sets the reply timeout and
  // authenticates when options carry a password. Unavailable when the node
  // does not accept the connection; PermissionDenied when AUTH is refused.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(const Endpoint& endpoint,
                                                          const ClusterOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Queues one command (its words, binary-safe). Nothing is sent yet.
  void Append(const std::vector<std::string>& words);
  // Writes the queued commands now (a caller pipelining to several nodes
  // writes to each before reading from any). A failed write breaks the
  // connection: the next Read answers Unknown.
  void Send();
  // The next reply, in the order commands were appended. A Redis error
  // reply is a Reply of type kError, not a failed status. Unknown when the
  // connection failed after sending: the command may or may not have run.
  absl::StatusOr<Reply> Read();
  // Append then Read.
  absl::StatusOr<Reply> Run(const std::vector<std::string>& words);

  bool broken() const { return broken_; }
  const Endpoint& endpoint() const { return endpoint_; }

 private:
  Connection(Endpoint endpoint, redisContext* context);

  Endpoint endpoint_;
  redisContext* context_;
  bool broken_ = false;
};

}  // namespace tact::redis
