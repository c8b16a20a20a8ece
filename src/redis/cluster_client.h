// The Redis Cluster client: the one header the rest of tact includes to talk
// to a cluster, so that it can be swapped for a packaged client.
//
// It routes each command to the master serving its key's slot, keeps the
// slot map (CLUSTER SLOTS) and follows the cluster when it changes: MOVED
// updates the map, ASK sends one command to the importing node, TRYAGAIN,
// CLUSTERDOWN, LOADING and a refused connection are retried with back-off
// after asking for a fresh map, NOSCRIPT loads the script and retries. All
// of that happens within ClusterOptions::retry_budget; past it the call
// fails with Unavailable.
//
// Outcomes, per command:
//   - the reply (a Redis error reply other than the above is a Reply of type
//     kError: the command ran and failed);
//   - Unavailable: the command did not run (no node would take it in time);
//   - Unknown or DeadlineExceeded: the connection failed or timed out after
//     the command was sent, so it may or may not have run. It is not
//     retried: the caller knows whether running it twice is safe.
//
// Thread safety: every method may be called from any thread. Each thread
// has its own connections to the nodes (opened on first use and kept until
// the client is destroyed); the slot map is shared and replaced whole.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "redis/cluster_options.h"
#include "redis/command.h"
#include "redis/node_links.h"
#include "redis/reply.h"
#include "redis/slot_map.h"

namespace tact::redis {

// What the client has done since it was created; for metrics.
struct ClusterStats {
  int64_t moved = 0;             // MOVED redirects followed
  int64_t asked = 0;             // ASK redirects followed
  int64_t retried = 0;           // TRYAGAIN, CLUSTERDOWN, LOADING, READONLY answers retried
  int64_t script_loads = 0;      // scripts loaded after NOSCRIPT
  int64_t map_refreshes = 0;     // slot maps read
  int64_t connects = 0;          // connections opened
  int64_t connect_failures = 0;  // connections refused or timed out
  int64_t unknown_outcomes = 0;  // commands whose connection failed after sending
  int64_t gave_up = 0;           // commands failed with Unavailable
};

class ClusterClient {
 public:
  // Reads the slot map from the first seed that answers. Unavailable when
  // none does; FailedPrecondition when the cluster is not fully set up.
  static absl::StatusOr<std::unique_ptr<ClusterClient>> Connect(ClusterOptions options);
  ~ClusterClient();
  ClusterClient(const ClusterClient&) = delete;
  ClusterClient& operator=(const ClusterClient&) = delete;

  // One command.
  absl::StatusOr<Reply> Run(const Command& command);
  // Many commands, pipelined: one write and one read per node per round.
  // Answers in the order of `commands`; each has its own outcome.
  std::vector<absl::StatusOr<Reply>> RunAll(const std::vector<Command>& commands);
  // `words` on one node, without routing or redirects (SCAN's cursor
  // belongs to the node that gave it).
  absl::StatusOr<Reply> RunOn(const Endpoint& node, const std::vector<std::string>& words);
  // `words` on every master of the current map, each once.
  absl::StatusOr<std::vector<std::pair<Endpoint, Reply>>> RunOnEveryMaster(
      const std::vector<std::string>& words);

  // Reads the slot map again now.
  absl::Status Refresh();
  std::shared_ptr<const SlotMap> slot_map() const;
  ClusterStats stats() const;
  const ClusterOptions& options() const { return options_; }

 private:
  struct Counters {
    std::atomic<int64_t> moved{0}, asked{0}, retried{0}, script_loads{0}, map_refreshes{0},
        unknown_outcomes{0}, gave_up{0};
    LinkCounters links;
  };
  struct Round;

  explicit ClusterClient(ClusterOptions options);
  NodeLinks& ThisThreadsLinks();
  // Reads CLUSTER SLOTS from the map's nodes, then the seeds; keeps the
  // first good answer. At most one refresh per 100 ms unless `force`.
  absl::Status RefreshMap(bool force);
  void MoveSlot(int slot, const Endpoint& endpoint);
  // RunAll and Run: the commands in rounds until each has its outcome.
  std::vector<absl::StatusOr<Reply>> RunCommands(absl::Span<const Command> commands);
  // One round over the commands still pending.
  void RunRound(absl::Span<const Command> commands, Round& round);
  // Writes `indices` to `node` in one write; the connection to read their
  // answers from, or null when there is none (they are then pending).
  Connection* SendToNode(const Endpoint& node, const std::vector<size_t>& indices,
                         absl::Span<const Command> commands, Round& round);
  // Reads the answers to what SendToNode wrote, in order.
  void ReadFromNode(Connection& connection, const std::vector<size_t>& indices,
                    absl::Span<const Command> commands, Round& round);
  // Files one answer as done, redirected or to be retried.
  void Sort(size_t index, Reply reply, const Endpoint& node, const Command& command, Round& round);

  const ClusterOptions options_;
  const uint64_t id_;  // keys this client's connections in each thread
  Counters counters_;

  mutable absl::Mutex map_mutex_;
  std::shared_ptr<const SlotMap> map_ ABSL_GUARDED_BY(map_mutex_);
  absl::Time last_refresh_ ABSL_GUARDED_BY(map_mutex_) = absl::InfinitePast();

  absl::Mutex links_mutex_;
  std::vector<std::unique_ptr<NodeLinks>> all_links_ ABSL_GUARDED_BY(links_mutex_);
};

}  // namespace tact::redis
