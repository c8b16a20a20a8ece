// Values stored under a version (redis_state/redis_format.h: uint64
// big-endian | bytes) and changed by compare-and-set: a node writes only if
// the version it read is still the current one, so two nodes changing one
// value at once never both act on the same state. People's records and
// profiles are kept so.
//
// Thread safety: every method may be called from any thread; the client
// must outlive this object.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "redis/cluster_client.h"

namespace tact {

class VersionedValues {
 public:
  // A plain SET written by the same script, in the same slot (a sent
  // touch's ledger entry with the history that records it).
  struct AlsoSet {
    std::string key;
    std::string value;
    int64_t expire_ms = 0;  // > 0: PX
  };

  explicit VersionedValues(redis::ClusterClient& client);

  // The record under `key` ("" when there is none). Errors: the client's,
  // Unavailable for an error reply.
  absl::StatusOr<std::string> Read(const std::string& key);

  // Stores `written` ("": checks only) under `key`, and `also`, if the
  // version of `record` (as read) is still current: true. Otherwise false,
  // and `record` is the current one ("" when the key is gone): the caller
  // retries at once on it (waiting would only make it stale again).
  absl::StatusOr<bool> CompareAndSet(const std::string& key, std::string& record,
                                     const std::string& written, std::optional<AlsoSet> also);

  // The same compare-and-set as a command, with any number of plain values
  // (moved out of `also`), for a caller that sends many at once
  // (ClusterClient::RunAll); ReadCompareAndSet reads its reply as
  // CompareAndSet answers, updating `record` on a conflict.
  redis::Command CompareAndSetCommand(const std::string& key, absl::string_view record,
                                      const std::string& written, absl::Span<AlsoSet> also) const;
  static absl::StatusOr<bool> ReadCompareAndSet(absl::StatusOr<redis::Reply> reply,
                                                std::string& record);

 private:
  redis::ClusterClient& client_;
  const redis::Script compare_and_set_;
};

}  // namespace tact
