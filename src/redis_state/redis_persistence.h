// Persistence (ports/persistence.h) for state on a Redis Cluster. A write
// is acknowledged by its master before the call that made it returns; what
// survives a crash of that master is what reached a replica. So changes of
// Urgency::kAlways (opt-outs, complaints, consent) wait with WAIT until
// `wait_replicas` replicas have every write this thread made, or answer an
// error after `wait_timeout` (asked in steps of at most kWaitStep, so any
// wait_timeout fits the command timeout).
//
// What WAIT does not promise: Redis replicates asynchronously, so a write
// WAIT saw on a replica can still be lost if a failover promotes another
// replica that had not received it (with one replica per master, as the
// documented topology, the promoted replica is the one that acknowledged).
//
// Thread safety: every method may be called from any thread; WhenDurable
// must be called on the thread that made the writes (tact's handlers do:
// the answer waits on the thread that decided it).
#pragma once

#include "absl/time/time.h"
#include "ports/persistence.h"
#include "redis/cluster_client.h"

namespace tact {

class RedisPersistence final : public Persistence {
 public:
  // wait_replicas 0: nothing waits.
  RedisPersistence(redis::ClusterClient& client, int wait_replicas, absl::Duration wait_timeout);

  bool durable() const override { return true; }
  uint64_t Mark() const override { return 0; }
  void WhenDurable(uint64_t mark, Urgency urgency, std::function<void(absl::Status)> done) override;
  // Always OK: see Probe.
  absl::Status Health() const override { return absl::OkStatus(); }
  // PING to every master; the first that does not answer, named.
  absl::Status Probe() override;
  // Histories and ledger entries carry their own expiry.
  void SetRetention(Minute, Minute) override {}
  absl::Status Backup(const std::string& to) override;

 private:
  // One WAIT's longest block (ClusterOptions::command_timeout is 1 s by default).
  static constexpr absl::Duration kWaitStep = absl::Milliseconds(400);

  redis::ClusterClient& client_;
  const int wait_replicas_;
  const absl::Duration wait_timeout_;
};

}  // namespace tact
