// The touch ledger (ports/touch_ledger.h) in memory: 64 shards, each a hash
// map under its own lock. The embedded state writes every change through to
// the journal.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "core/channel.h"
#include "core/kind.h"
#include "core/minutes.h"
#include "events/event.h"
#include "ports/touch_ledger.h"

namespace tact {

class MemoryTouchLedger final : public TouchLedger {
 public:
  MemoryTouchLedger();

  // Called with every added or changed entry under its id's lock.
  void SetWriteThrough(std::function<void(uint64_t, const LedgerEntry&)> write_through) {
    write_through_ = std::move(write_through);
  }

  // Adds a sent touch. Now and then (every 4,096 adds to a shard) the shard
  // it lands in forgets touches sent before `oldest_kept`, so the ledger
  // stays bounded without a sweep of the whole map on anyone's request.
  // Never fails.
  absl::Status Add(uint64_t id, LedgerEntry entry, Minute oldest_kept = kNever) override;
  absl::StatusOr<std::optional<LedgerEntry>> Find(uint64_t id) const override { return Get(id); }
  absl::StatusOr<std::optional<LedgerEntry>> MarkOutcome(uint64_t id, EventType type) override {
    return Mark(id, type);
  }
  // Find and MarkOutcome for a ledger that cannot fail: the entry, or nullopt
  // when the id is unknown; Mark returns the entry as it was before, so the
  // caller can tell a first report from a repeat.
  std::optional<LedgerEntry> Get(uint64_t id) const;
  std::optional<LedgerEntry> Mark(uint64_t id, EventType type);
  // Forgets touches sent before `oldest_kept`.
  void PruneBefore(Minute oldest_kept);
  void ForEach(absl::FunctionRef<void(uint64_t, const LedgerEntry&)> fn) const;
  size_t Size() const;

 private:
  static constexpr size_t kShards = 64;
  struct Shard {
    mutable std::mutex mutex;
    absl::flat_hash_map<uint64_t, LedgerEntry> entries ABSL_GUARDED_BY(mutex);
    uint32_t adds ABSL_GUARDED_BY(mutex) = 0;
  };
  Shard& ShardOf(uint64_t id) const { return (*shards_)[(id * 0x9E3779B97F4A7C15ull) >> 58]; }

  std::unique_ptr<std::array<Shard, kShards>> shards_;
  std::function<void(uint64_t, const LedgerEntry&)> write_through_;
};

}  // namespace tact
