#include "redis_state/redis_event_ids.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "redis_state/redis_format.h"

namespace tact {
namespace {

// KEYS[1]: the event id's key; ARGV[1]: the lease in milliseconds.
// Returns 1: claimed (apply it); 0: applied before; 2: being applied.
constexpr char kClaim[] = R"lua(
local seen = redis.call('GET', KEYS[1])
if seen == 'done' then return 0 end
if seen then return 2 end
redis.call('SET', KEYS[1], 'applying', 'PX', ARGV[1])
return 1
)lua";

constexpr int64_t kClaimed = 1, kSeen = 0;

}  // namespace

RedisEventIds::RedisEventIds(redis::ClusterClient& client, absl::Duration window)
    : client_(client), window_(window), claim_(kClaim) {}

absl::StatusOr<bool> RedisEventIds::ApplyOnce(const Event& event, absl::Time,
                                              absl::FunctionRef<absl::Status()> apply) {
  const std::string key = redis_format::EventKey(event.person_id, event.id);
  absl::StatusOr<redis::Reply> claimed =
      client_.Run(claim_.Call({key}, {absl::StrCat(absl::ToInt64Milliseconds(kLease))}));
  if (!claimed.ok()) return claimed.status();
  if (absl::Status error = claimed->ErrorStatus("claiming an event id"); !error.ok()) return error;
  if (claimed->integer == kSeen) return false;
  if (claimed->integer != kClaimed) {
    return absl::UnavailableError(absl::StrCat("event '", event.id,
                                               "' is being applied by another request; send it "
                                               "again later"));
  }
  if (absl::Status applied = apply(); !applied.ok()) {
    client_.Run({key, {"DEL", key}}).IgnoreError();  // the lease back; else it ends by itself
    return applied;
  }
  absl::StatusOr<redis::Reply> done = client_.Run(
      {key, {"SET", key, "done", "PX", absl::StrCat(absl::ToInt64Milliseconds(window_))}});
  if (!done.ok()) return done.status();
  if (absl::Status error = done->ErrorStatus("recording an event id"); !error.ok()) return error;
  return true;
}

}  // namespace tact
