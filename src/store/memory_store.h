// The in-memory Store: a sharded open-addressing hash map (Abseil
// flat_hash_map) keyed by person id, one mutex per shard. For tests,
// benchmarks and `tact plan`; the embedded store builds on it. Ledger
// entries go to the ledger it was given, under the person's shard lock
// (without one, they are dropped: a replay that keeps no ledger). It never
// fails.
//
// The shard lock is std::mutex rather than absl::Mutex: Debian's Abseil is
// built with deadlock detection on, which costs more than the decision.
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "ports/store.h"
#include "store/person_key.h"

namespace tact {

class MemoryStore final : public Store {
 public:
  // `expected_people` pre-sizes the shards (0: grow as needed): their number
  // is chosen so that each table is 75 to 85 % full at that many people
  // (ShardsFor), where tables Abseil sized by doubling could sit near half
  // full. More people than expected grow a shard by doubling it.
  // `ledger`, if given, must outlive the store.
  explicit MemoryStore(size_t expected_people = 0, TouchLedger* ledger = nullptr);

  absl::Status Apply(absl::string_view person_id, HistoryChange change) override;
  absl::StatusOr<std::optional<History>> Get(absl::string_view person_id) const override;
  // The process's random prefix and a counter.
  uint64_t NewTouchId(absl::string_view person_id) override;
  StoreStats Stats() const override;
  // Applies the changes in order, each `kPrefetchAhead` changes after its
  // person's slot was prefetched: the wait for memory of one change
  // overlaps the work of those before it.
  std::vector<absl::Status> ApplyAll(absl::Span<const PersonChange> changes) override;
  // Starts loading the person's slot of the table into the cache and
  // returns without waiting for it: an Apply or Read for them soon after
  // finds it there.
  void Prefetch(absl::string_view person_id) const override;
  // The prefetches for ApplyAll's loop at `index`: the control bytes of
  // change index + 2 * kPrefetchAhead, the slot of change index +
  // kPrefetchAhead; at index 0 those of the changes before them too, from
  // the second on (the first is applied at once: a prefetch would only
  // wait in its place).
  void PrefetchAhead(absl::Span<const PersonChange> changes, size_t index) const;
  // How many changes ahead ApplyAll prefetches: enough to cover a miss with
  // the decisions before it, few enough that the lines stay in L1.
  static constexpr size_t kPrefetchAhead = 4;
  // Get for a store that cannot fail.
  std::optional<History> Find(absl::string_view person_id) const;
  // Calls `read` with the person's history under their lock, without a
  // copy; false (and no call) when the store has none.
  bool Read(absl::string_view person_id, absl::FunctionRef<void(const History&)> read) const;
  // Which shard (and lock) holds the person: changes to people of
  // different shards never wait for each other.
  size_t ShardOf(absl::string_view person_id) const { return Locate(person_id).second; }
  size_t shard_count() const { return shard_count_; }
  // Sizes an empty store for `expected_people` as the constructor would,
  // once the caller knows how many there are (tact plan, after reading
  // them). Call before the store is shared between threads. Errors:
  // FailedPrecondition when it holds anyone.
  absl::Status SizeFor(size_t expected_people);
  // How many shards a store expecting `expected_people` has: at least
  // kMinShards, each expected to fill 75 to 85 % of its table.
  static size_t ShardsFor(size_t expected_people);
  // Calls `fn` with every person's history, one shard locked at a time.
  void ForEach(absl::FunctionRef<void(absl::string_view, const History&)> fn) const;

 private:
  static constexpr size_t kMinShards = 64;
  struct Shard {
    mutable std::mutex mutex;
    absl::flat_hash_map<PersonKey, History, PersonKeyHash, PersonKeyEq> people
        ABSL_GUARDED_BY(mutex);
  };
  // Starts loading the control bytes where the person's slot is looked for,
  // so that a Prefetch soon after does not wait for them.
  void PrefetchGroup(absl::string_view person_id) const;
  // Makes ShardsFor(expected_people) empty shards, each reserved for its share.
  void MakeShards(size_t expected_people);
  // The person's hash (computed once) and the index of their shard.
  std::pair<size_t, size_t> Locate(absl::string_view person_id) const;

  size_t shard_count_;
  std::unique_ptr<Shard[]> shards_;
  TouchLedger* const ledger_;
  const uint32_t touch_id_prefix_;
  std::atomic<uint64_t> touch_counter_{0};
};

}  // namespace tact
