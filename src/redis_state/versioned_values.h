// Values stored under a version (redis_state/redis_format.h: uint64
// big-endian | bytes) and changed by compare-and-set: a node writes only if
// the version it read is still the current one, so two nodes changing one
// value at once never both act on the same state. People's records (fields
// of their slot's hash) and profiles (keys of their own) are kept so.
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
  // Where a value lives: a key of its own (field "") or a hash's field.
  struct Location {
    std::string key;
    std::string field;
  };
  // A ledger entry written by the same script, in the same slot
  // (redis_state/ledger_script.h): a sent touch with the history that
  // records it.
  struct LedgerEntryWrite {
    std::string key;    // the bucket
    std::string field;  // the entry
    std::string value;
    int64_t keep_ms = 0;  // 0: kept for good
  };

  explicit VersionedValues(redis::ClusterClient& client);

  // The value at `where` ("" when there is none). Errors: the client's,
  // Unavailable for an error reply.
  absl::StatusOr<std::string> Read(const Location& where);
  // The command Read sends, for a caller that sends many at once.
  static redis::Command ReadCommand(const Location& where);

  // Stores `written` ("": checks only) at `where` if the version of
  // `record` (as read) is still current: true. Otherwise false, and
  // `record` is the current one ("" when there is none): the caller retries
  // at once on it (waiting would only make it stale again).
  absl::StatusOr<bool> CompareAndSet(const Location& where, std::string& record,
                                     const std::string& written);

  // The same compare-and-set as a command, with any number of ledger
  // entries (moved out of `entries`), for a caller that sends many at once
  // (ClusterClient::RunAll); ReadCompareAndSet reads its reply as
  // CompareAndSet answers, updating `record` on a conflict.
  redis::Command CompareAndSetCommand(const Location& where, absl::string_view record,
                                      const std::string& written,
                                      absl::Span<LedgerEntryWrite> entries) const;
  static absl::StatusOr<bool> ReadCompareAndSet(absl::StatusOr<redis::Reply> reply,
                                                std::string& record);

 private:
  redis::ClusterClient& client_;
  const redis::Script compare_and_set_;
};

}  // namespace tact
