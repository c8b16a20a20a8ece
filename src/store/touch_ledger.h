// Every sent touch by the id tact returned with it, for as long as events
// about it may arrive: whom it reached, on which channel, for which campaign
// and sending domain, and which outcomes were reported. Webhooks link events
// to touches through it (the id travels as the provider's custom argument),
// and the complaint guard counts a campaign's sends and complaints from it.
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
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/channel.h"
#include "core/kind.h"
#include "core/minutes.h"
#include "events/event.h"

namespace tact {

struct LedgerEntry {
  std::string person_id;
  std::string campaign;
  std::string domain;  // the sending domain (from the touch's sender address)
  std::string list;
  Minute minute = 0;
  Channel channel = Channel::kEmail;
  Kind kind = Kind::kPromotional;
  uint16_t outcomes = 0;     // bit (1 << EventType) per outcome reported
  uint64_t fingerprint = 0;  // the text's SimHash (content/fingerprint.h); 0: no text
  // Where the touch came from, for the mirror (report/mirror.h).
  std::string team, sender, tool;

  bool Has(EventType type) const { return (outcomes >> static_cast<int>(type)) & 1; }
};

// "t_" and 16 hex digits, as the service mints them; nullopt otherwise.
std::optional<uint64_t> ParseTouchId(absl::string_view text);
std::string FormatTouchId(uint64_t id);

// The stored form (journal column family "touches").
std::string EncodeLedgerEntry(const LedgerEntry& entry);
absl::StatusOr<LedgerEntry> DecodeLedgerEntry(absl::string_view bytes);

class TouchLedger {
 public:
  TouchLedger();

  // Called with every added or changed entry under its id's lock.
  void SetWriteThrough(std::function<void(uint64_t, const LedgerEntry&)> write_through) {
    write_through_ = std::move(write_through);
  }

  // Adds a sent touch. Now and then (every 4,096 adds to a shard) the shard
  // it lands in forgets touches sent before `oldest_kept`, so the ledger
  // stays bounded without a sweep of the whole map on anyone's request.
  void Add(uint64_t id, LedgerEntry entry, Minute oldest_kept = kNever);
  std::optional<LedgerEntry> Find(uint64_t id) const;
  // Records that `type` was reported for the touch; returns the entry as it
  // was before (nullopt when the id is unknown) so the caller can tell a first
  // report from a repeat.
  std::optional<LedgerEntry> MarkOutcome(uint64_t id, EventType type);
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
