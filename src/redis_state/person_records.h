// People's histories in a Redis Cluster, changed by compare-and-set so that
// nodes deciding for one person at once never both act on the same state.
//
// Apply reads the person's record (one round trip, or none when this node's
// cached copy is current), runs the change on it, and writes the result
// with a script that stores it only if the record's version is still the
// one read, together with the touch's ledger entry (one round trip). When
// another node wrote first, the script returns what it wrote and the change
// runs again on that, up to Options::max_attempts times. ApplyAll does the
// same for many changes at once, each step pipelined over the cluster.
//
// Thread safety: every method may be called from any thread; the client
// must outlive this object.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "core/history.h"
#include "redis/cluster_client.h"
#include "redis_state/record_cache.h"
#include "redis_state/versioned_values.h"

namespace tact {

// A person's stored record ("": none, an empty history) as a history;
// DataLoss naming the person when it does not decode.
absl::StatusOr<History> DecodeHistoryRecord(absl::string_view person_id, absl::string_view record);

class PersonRecords {
 public:
  struct Options {
    // Compare-and-set attempts per Apply before it gives up (Aborted).
    int max_attempts = 32;
    // People whose last record this node keeps, to save the read.
    size_t cached_people = 1 << 17;
  };
  // A ledger entry written atomically with the history.
  struct LedgerWrite {
    uint64_t touch_id = 0;  // in the person's slot (redis_format::TouchIdInSlot)
    std::string entry;      // redis_state/ledger_value.h
    absl::Duration keep;    // then it expires (InfiniteDuration: kept)
  };
  // What Apply did, for metrics.
  struct Stats {
    int64_t reads = 0;      // records read with GET
    int64_t writes = 0;     // compare-and-set scripts run
    int64_t conflicts = 0;  // scripts that found another node's write
    int64_t cache_hits = 0;
  };

  // One change of ApplyAll's.
  struct Change {
    absl::string_view person_id;
    absl::FunctionRef<std::optional<LedgerWrite>(History&)> change;
  };

  PersonRecords(redis::ClusterClient& client, Options options);

  // The person's history; nullopt when there is none. DataLoss when the
  // stored record does not decode.
  absl::StatusOr<std::optional<History>> Get(absl::string_view person_id);

  // Runs `change` on the person's history (empty when new) and stores the
  // result atomically with the ledger entry `change` returns, if any.
  // `change` may run several times and must depend on the history only: the
  // last run's effects are the ones stored. Errors: the client's
  // (Unavailable: nothing stored; Unknown/DeadlineExceeded: maybe stored),
  // DataLoss for a record that does not decode, Aborted after
  // max_attempts conflicts.
  absl::Status Apply(absl::string_view person_id,
                     absl::FunctionRef<std::optional<LedgerWrite>(History&)> change);
  // Runs `changes` as Apply would one after another (a person's changes in
  // their order, each on the history the one before left), but each
  // person's changes are written by one compare-and-set and all of them are
  // sent together: one round trip per master to read the records this node
  // has not cached, one to write, and one more per round of conflicts. Each
  // change's outcome, in order; a person's changes share theirs.
  std::vector<absl::Status> ApplyAll(absl::Span<const Change> changes);

  // Keeps `record` ("" for none), just read by another call (a profile
  // read's script), as this node's copy of the person's record.
  void Prime(absl::string_view person_id, std::string record);

  Stats stats() const;

 private:
  struct Person;  // one person's share of an ApplyAll

  // Where the person's record is: their field of their slot's hash.
  static VersionedValues::Location Where(absl::string_view person_id);
  // Each person's record: the cached one, or read now (all in one round).
  void Load(std::vector<Person>& people);
  // Runs the person's changes on their record; the compare-and-set that
  // stores the result, or nullopt when there is nothing to store or check
  // (the person is then done).
  std::optional<redis::Command> Write(Person& person, absl::Span<const Change> changes);
  // Files one compare-and-set's reply: done, or to run again on the record
  // another node wrote.
  void Settle(Person& person, absl::StatusOr<redis::Reply> reply);

  redis::ClusterClient& client_;
  const Options options_;
  VersionedValues values_;
  RecordCache cache_;
  std::atomic<int64_t> reads_{0}, writes_{0}, conflicts_{0}, cache_hits_{0};
};

}  // namespace tact
