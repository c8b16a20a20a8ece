// The durable side of the embedded store: every change to the working set
// (recorded touches, replies, people, accounts, event ids) is written to a
// RocksDB database through its write-ahead log, and acknowledgements wait for
// the disk as the durability mode says:
//   sync   every acknowledged change is on disk (fsync) first;
//   group  opt-outs and other Urgency::kAlways changes are on disk first;
//          recorded sends and ordinary events are acknowledged once written
//          to the log (they survive a crash of tact at once, and a crash of
//          the machine once the next group sync, at most `group_commit`
//          later, is done).
// Concurrent waiters share one fsync (group commit).
//
// Column families, each value in a frozen encoding of its own file: history
// (person id -> history_codec.h), people and accounts (id -> profile_codec.h),
// events (event id -> minute seen, type, person id: journal_rocks.h), touches
// (touch id -> touch_ledger.h's entry); in the default family, mirror days
// ("mirror/<day>" -> mirror_day_codec.h), held touches ("held/<id>" ->
// held_touch_codec.h), sellers' hypotheses ("hypothesis/<id>" ->
// hypothesis_codec.h) and secrets ("secret/<name>").
// Compaction drops touches older than the policy's retention and event ids
// older than the dedupe window, so the disk holds people × window.
//
// Thread safety: every method may be called from any thread. Writes to one
// key must be serialised by the caller (the working set's per-key locks).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "core/account.h"
#include "core/history.h"
#include "core/person.h"
#include "events/event.h"
#include "ports/event_ids.h"
#include "ports/persistence.h"
#include "store/memory_held_touches.h"
#include "store/memory_hypotheses.h"
#include "store/memory_policy_versions.h"
#include "store/memory_store.h"
#include "store/profiles.h"
#include "store/touch_ledger.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
class Status;
struct WriteOptions;
class WriteBatch;
struct ColumnFamilyDescriptor;
struct DBOptions;
}  // namespace rocksdb

namespace tact {

enum class Durability { kSync, kGroup };
absl::string_view DurabilityName(Durability durability);
std::optional<Durability> ParseDurability(absl::string_view name);

struct JournalOptions {
  Durability durability = Durability::kGroup;
  absl::Duration group_commit =
      absl::Milliseconds(5);                          // group mode: longest a write stays unsynced
  absl::Duration event_window = absl::Hours(24 * 7);  // an event id is applied once within this
  std::function<absl::Time()> clock = [] { return absl::Now(); };  // for compaction's horizons
  // The space kept free on the data directory's filesystem. Below it the
  // journal refuses to open, and while open Health() reports the shortage
  // (the service then takes no new writes) until space returns: changes
  // already under way finish within the reserve, so RocksDB never meets a
  // full disk in normal operation. 0: no reserve.
  uint64_t min_free_bytes = uint64_t{64} << 20;
  absl::Duration disk_check_interval = absl::Seconds(1);
  // RocksDB's warnings and errors, one line each. They go here rather than
  // to a LOG file in the data directory: a log file that met a full disk
  // must never be written again, and RocksDB's own would be.
  std::function<void(absl::string_view)> warn = [](absl::string_view) {};
};

// What Load found.
struct JournalContents {
  size_t people = 0;
  size_t accounts = 0;
  size_t histories = 0;  // people with touches or a reply still within the retention
  size_t touches = 0;
  size_t events = 0;        // event ids remembered (Verify only)
  size_t sent_touches = 0;  // touch ledger entries (Verify only)
};

// The journal is the embedded state's EventIds and Persistence.
class Journal final : public EventIds, public Persistence {
 public:
  // Opens (creating when new) the database of a data directory the caller
  // has locked and whose FORMAT it checked. Errors name the directory:
  // DataLoss when it is corrupt, PermissionDenied/Unavailable for I/O,
  // ResourceExhausted when its filesystem has less than min_free_bytes free.
  static absl::StatusOr<std::unique_ptr<Journal>> Open(const std::string& data_dir,
                                                       JournalOptions options);
  // Before opening, the database is replayed read-only and checked against
  // the acknowledged mark (data_dir.h): a log damaged in the middle, or a
  // database that ends before the mark (a truncated log, a lost manifest, a
  // removed db/), is refused with DataLoss naming the damage and the ways
  // forward, and nothing in the directory is changed.
  //
  // Opens a data directory to read it, whether or not a tact is writing it
  // (when none is, it is opened and checked exactly as Open does). Write
  // methods must not be called on it.
  static absl::StatusOr<std::unique_ptr<Journal>> OpenReadOnly(const std::string& data_dir);

  // `tact admin salvage`: for a directory Open refuses as damaged. Copies
  // its database aside into DIR/damaged-<time>/ first, rebuilds what can be
  // read (RocksDB's repair: every table file and every intact log record),
  // and accepts the result as the new acknowledged state. The caller holds
  // the directory's lock.
  struct Salvaged {
    uint64_t acknowledged = 0;  // the mark before: changes up to it were acknowledged
    uint64_t recovered = 0;     // the database's last change after the repair
    std::string aside;          // where the damaged database was copied
  };
  static absl::StatusOr<Salvaged> Salvage(const std::string& data_dir);

  // Syncs what is written and closes.
  ~Journal() override;

  // Loads every profile and every history (pruned at `horizon`) into the
  // working set. Call once, before serving.
  absl::StatusOr<JournalContents> Load(Minute horizon, MemoryStore& histories,
                                       MemoryProfiles& profiles) const;

  // Rewrites the people and accounts stored in data format 1 in format 2
  // (store/profile_codec.h), in synced batches; how many it rewrote. Call
  // after Open and before Load, then write the directory's FORMAT: a crash
  // in between leaves values of both formats, which Load reads, and the next
  // start finishes the rewrite.
  absl::StatusOr<size_t> RewriteFormat1Profiles();

  // Writes; each is in the log (not yet synced) when it returns. A failed
  // write fails every later WhenDurable (nothing more is acknowledged), and
  // from then on nothing more is written or synced: after an I/O error (a
  // full disk) RocksDB's files are in an unknown state, and only a restart,
  // which recovers from the log, may write again.
  // A history as it is given, committed as a batch of its own (see below):
  // not while this thread has begun one.
  void WriteHistory(absl::string_view person_id, const History& history);
  // Writes together (journal_batch.cc): what this thread writes from
  // BeginBatch until CommitBatch (recorded touches' ledger entries, through
  // WriteTouch) goes to the database in one WriteBatch with the histories of
  // `people`, each as `encode` gives it at commit time (nothing when it
  // leaves the value empty). Batches commit one
  // at a time, and encode the histories they carry then: of two batches
  // that changed a person, the one committed later carries the later
  // history, so a newer history is never overwritten by an older one.
  // `encode` runs under the commit lock (it may take a person's lock; no
  // one may commit while holding one). Batches do not nest.
  void BeginBatch();
  void CommitBatch(absl::Span<const absl::string_view> people,
                   absl::FunctionRef<void(absl::string_view person_id, std::string* value)> encode);
  void WritePerson(const Person& person);
  void WriteAccount(const Account& account);
  // The touch ledger (store/touch_ledger.h), written under the id's lock.
  void WriteTouch(uint64_t id, const LedgerEntry& entry);
  // The mirror's stored days (store/mirror_day_codec.h), under keys that start
  // with "mirror/" in the default column family.
  void WriteMirrorDay(absl::string_view key, absl::string_view bytes);
  absl::Status LoadMirrorDays(absl::FunctionRef<absl::Status(absl::string_view)> load) const;
  // Held touches (store/held_touch_codec.h), under keys that start with
  // "held/" in the default column family: written, forgotten, loaded.
  void WriteHeldTouch(const HeldTouch& held);
  void ForgetHeldTouch(uint64_t id);
  absl::Status LoadHeldTouches(MemoryHeldTouches& into) const;
  // Sellers' hypotheses (store/hypothesis_codec.h), under keys that start
  // with "hypothesis/" (journal_hypotheses.cc): written once, loaded.
  void WriteHypothesis(const Hypothesis& hypothesis);
  absl::Status LoadHypotheses(MemoryHypotheses& into) const;
  // Policy versions (store/policy_version_codec.h), under keys that start
  // with "policy_version/" (journal_hypotheses.cc): written once, loaded.
  void WritePolicyVersion(const PolicyVersion& record);
  absl::Status LoadPolicyVersions(MemoryPolicyVersions& into) const;
  // Loads the ledger's touches sent at or after `horizon`; their count.
  absl::StatusOr<size_t> LoadTouches(Minute horizon, MemoryTouchLedger& ledger) const;

  // Applies an event once: false (and nothing runs) when its id was recorded
  // within the event window; otherwise runs `apply` (whose own writes must be
  // idempotent), then records the id. Calls with one id are serialised.
  absl::StatusOr<bool> ApplyOnce(const Event& event, absl::Time now,
                                 absl::FunctionRef<absl::Status()> apply) override;

  // A secret kept with the state (and in its backups), e.g. the key that
  // signs unsubscribe links: read, or made (`proposed`, else 32 random
  // bytes) and synced.
  absl::StatusOr<std::string> GetOrCreateSecret(absl::string_view name,
                                                std::optional<std::string> proposed = {});
  // The secret, or nullopt when none was made (also read-only).
  absl::StatusOr<std::optional<std::string>> FindSecret(absl::string_view name) const;

  bool durable() const override { return true; }
  // A mark covering every write that has returned so far.
  uint64_t Mark() const override;

  // Calls `done` (on the syncer's thread, or at once) when everything up to
  // `mark` is as durable as `urgency` and the mode require; with an error if
  // the database failed.
  void WhenDurable(uint64_t mark, Urgency urgency, std::function<void(absl::Status)> done) override;
  // The same, blocking.
  absl::Status AwaitDurable(uint64_t mark, Urgency urgency);

  // The policy's retention, for compaction: history (and ledger entries)
  // older than now minus it is dropped. 0 (the start): keep everything.
  void SetRetention(Minute history_minutes, Minute ledger_minutes) override {
    retention_minutes_.store(history_minutes);
    ledger_retention_minutes_.store(ledger_minutes);
  }

  // A consistent copy of the database, taken while writing goes on, as a
  // data directory of its own (FORMAT and db/). `out_dir` must not exist.
  absl::Status Backup(const std::string& out_dir) override;

  // Checks every block's checksum and decodes every stored value.
  absl::StatusOr<JournalContents> Verify() const;

  // Compacts everything now (compaction otherwise runs as data grows and at
  // least daily). For tests and `tact admin`.
  absl::Status CompactNow();

  Durability durability() const { return options_.durability; }
  // OK while the journal takes writes. Otherwise why not: a failed write
  // (Unavailable or DataLoss, for good: restart tact once the cause is
  // mended) or too little free disk (ResourceExhausted, cleared by itself
  // once space returns).
  absl::Status Health() const override;

 private:
  Journal(std::string data_dir, JournalOptions options);
  enum class Mode { kWrite, kReadOnly, kSecondary };
  absl::Status OpenDatabase(Mode mode);
  // The column families, in the order families_ holds them, with the
  // compaction filters that forget what the policy no longer reads.
  std::vector<rocksdb::ColumnFamilyDescriptor> FamilyDescriptors();
  rocksdb::DBOptions DatabaseOptions(bool read_only);
  // DataLoss when the open database ends before `acked` (see Open).
  absl::Status CheckAcked(uint64_t acked) const;
  void Put(rocksdb::ColumnFamilyHandle* family, absl::string_view key, absl::string_view value);
  // Runs `write` (one database write; the syncer makes it durable) unless
  // the journal has failed, behind the write gate; a failed write fails the
  // journal. Every unsynced write goes through it.
  void GatedWrite(
      absl::FunctionRef<rocksdb::Status(rocksdb::DB&, const rocksdb::WriteOptions&)> write);
  // The batch this thread has begun on this journal, or nullptr.
  rocksdb::WriteBatch* ThisThreadsBatch() const;
  void Delete(rocksdb::ColumnFamilyHandle* family, absl::string_view key);
  // Calls `load` with each key and value of the default family under
  // `prefix`, in key order; DataLoss naming the key for its error, or the
  // database's error reading `what`.
  absl::Status LoadPrefixed(
      absl::string_view prefix, absl::string_view what,
      absl::FunctionRef<absl::Status(absl::string_view key, absl::string_view value)> load) const;
  // LoadPrefixed, each value decoded by `decode` and loaded into `into`.
  template <typename Value, typename Into>
  absl::Status LoadDecoded(absl::string_view prefix, absl::string_view what,
                           absl::StatusOr<Value> (*decode)(absl::string_view), Into& into) const {
    return LoadPrefixed(prefix, what, [&](absl::string_view, absl::string_view bytes) {
      absl::StatusOr<Value> value = decode(bytes);
      if (!value.ok()) return value.status();
      into.Load(*std::move(value));
      return absl::OkStatus();
    });
  }
  void Fail(const absl::Status& status);
  void SyncLoop();
  void WatchDisk();

  struct Waiter {
    uint64_t mark;
    std::function<void(absl::Status)> done;
  };

  const std::string data_dir_;
  const JournalOptions options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> families_;  // owned; closed with db_
  rocksdb::ColumnFamilyHandle* history_ = nullptr;
  rocksdb::ColumnFamilyHandle* people_ = nullptr;
  rocksdb::ColumnFamilyHandle* accounts_ = nullptr;
  rocksdb::ColumnFamilyHandle* events_ = nullptr;
  rocksdb::ColumnFamilyHandle* touches_ = nullptr;  // null: an old directory opened read-only
  std::string secondary_dir_;                       // secondary opens: RocksDB's own scratch space
  bool read_only_ = false;                          // kReadOnly and kSecondary
  bool salvage_ = false;  // replay every intact log record, skipping damaged ones
  int acked_fd_ = -1;     // DIR/ACKED, written by the syncer

  std::atomic<Minute> retention_minutes_{0};
  std::atomic<Minute> ledger_retention_minutes_{0};  // read by compaction on RocksDB's threads

  static constexpr size_t kEventStripes = 64;
  std::unique_ptr<std::mutex[]> event_stripes_;

  // The syncer: one fsync at a time, for everyone waiting.
  mutable std::mutex sync_mutex_;
  std::condition_variable sync_wanted_;
  std::condition_variable disk_watch_wake_;  // only at stop
  // Writes hold it shared; a sync holds it alone (see SyncLoop).
  std::shared_mutex write_gate_;
  // Batches commit one at a time (CommitBatch), before write_gate_.
  std::mutex commit_mutex_;
  std::deque<Waiter> waiters_ ABSL_GUARDED_BY(sync_mutex_);
  uint64_t synced_ ABSL_GUARDED_BY(sync_mutex_) = 0;
  absl::Status failure_ ABSL_GUARDED_BY(sync_mutex_);
  std::atomic<bool> failed_{false};
  absl::Status low_disk_ ABSL_GUARDED_BY(sync_mutex_);
  bool stopping_ ABSL_GUARDED_BY(sync_mutex_) = false;
  std::thread syncer_;
  std::thread disk_watcher_;
};

}  // namespace tact
