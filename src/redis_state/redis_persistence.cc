#include "redis_state/redis_persistence.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tact {

RedisPersistence::RedisPersistence(redis::ClusterClient& client, int wait_replicas,
                                   absl::Duration wait_timeout)
    : client_(client), wait_replicas_(wait_replicas), wait_timeout_(wait_timeout) {}

void RedisPersistence::WhenDurable(uint64_t, Urgency urgency,
                                   std::function<void(absl::Status)> done) {
  if (urgency != Urgency::kAlways || wait_replicas_ == 0) return done(absl::OkStatus());
  // Each master counts the replicas that have every write of this thread's
  // connection to it; a master this thread did not write to answers at once.
  const absl::Time deadline = absl::Now() + wait_timeout_;
  for (const redis::Endpoint& master : client_.slot_map()->masters()) {
    int64_t replicas = 0;
    // A replica acknowledges when the master asks, and at least once a
    // second: Redis 7.0 sometimes answers only with the latter (seen right
    // after FLUSHALL and a replica's sync), so the wait is asked again in
    // steps, each well inside the command timeout, until the deadline.
    while (true) {
      const absl::Duration step =
          std::clamp(deadline - absl::Now(), absl::Milliseconds(1), kWaitStep);
      auto waited = client_.RunOn(master, {"WAIT", absl::StrCat(wait_replicas_),
                                           absl::StrCat(absl::ToInt64Milliseconds(step))});
      if (!waited.ok()) return done(waited.status());
      if (absl::Status error = waited->ErrorStatus("WAIT"); !error.ok()) return done(error);
      replicas = waited->integer;
      if (replicas >= wait_replicas_ || absl::Now() >= deadline) break;
    }
    if (replicas < wait_replicas_) {
      return done(absl::UnavailableError(
          absl::StrCat("redis: ", master.ToString(), " had the change on ", replicas, " of ",
                       wait_replicas_, " replicas after ", absl::FormatDuration(wait_timeout_))));
    }
  }
  done(absl::OkStatus());
}

absl::Status RedisPersistence::Probe() {
  auto pinged = client_.RunOnEveryMaster({"PING"});
  if (!pinged.ok()) return pinged.status();
  for (const auto& [node, reply] : *pinged) {
    if (absl::Status error = reply.ErrorStatus(absl::StrCat("PING ", node.ToString()));
        !error.ok()) {
      return error;
    }
  }
  return absl::OkStatus();
}

absl::Status RedisPersistence::Backup(const std::string&) {
  return absl::FailedPreconditionError(
      "the state is on a Redis Cluster: back it up with Redis (its replicas, RDB snapshots or "
      "AOF), not with tact");
}

}  // namespace tact
