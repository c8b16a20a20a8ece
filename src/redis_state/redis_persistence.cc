#include "redis_state/redis_persistence.h"

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
  auto waited = client_.RunOnEveryMaster({"WAIT", absl::StrCat(wait_replicas_),
                                          absl::StrCat(absl::ToInt64Milliseconds(wait_timeout_))});
  if (!waited.ok()) return done(waited.status());
  for (const auto& [node, reply] : *waited) {
    if (absl::Status error = reply.ErrorStatus("WAIT"); !error.ok()) return done(error);
    if (reply.integer < wait_replicas_) {
      return done(absl::UnavailableError(
          absl::StrCat("redis: ", node.ToString(), " had the change on ", reply.integer, " of ",
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
