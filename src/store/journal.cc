#include "store/journal.h"

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/memtablerep.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "core/enum_names.h"
#include "store/data_dir.h"
#include "store/event_id_codec.h"
#include "store/held_touch_codec.h"
#include "store/history_codec.h"
#include "store/journal_rocks.h"
#include "store/ledger_codec.h"
#include "store/profile_codec.h"

namespace tact {

namespace {
constexpr EnumNames<Durability, 2> kDurabilityNames({"sync", "group"});
}  // namespace

absl::string_view DurabilityName(Durability durability) {
  return kDurabilityNames.Name(durability);
}

std::optional<Durability> ParseDurability(absl::string_view name) {
  return kDurabilityNames.Parse(name);
}

Journal::Journal(std::string data_dir, JournalOptions options)
    : data_dir_(std::move(data_dir)),
      options_(std::move(options)),
      event_stripes_(std::make_unique<std::mutex[]>(kEventStripes)) {}

absl::StatusOr<std::unique_ptr<Journal>> Journal::Open(const std::string& data_dir,
                                                       JournalOptions options) {
  std::unique_ptr<Journal> journal(new Journal(data_dir, std::move(options)));
  // RocksDB must not meet a full disk while opening (it writes a new log and
  // manifest): refuse plainly first.
  if (absl::Status space = CheckFreeSpace(data_dir, journal->options_.min_free_bytes);
      !space.ok()) {
    return absl::Status(space.code(),
                        absl::StrCat(space.message(), "; free space there, then start tact again"));
  }
  auto acked = ReadAckedMark(data_dir);
  if (!acked.ok()) return acked.status();
  std::error_code error;
  if (std::filesystem::exists(DatabasePath(data_dir) + "/CURRENT", error)) {
    // Replayed read-only first: a refusal must leave the directory as it was
    // for `tact admin salvage` or a look by hand.
    Journal probe(data_dir, JournalOptions{});
    if (absl::Status opened = probe.OpenDatabase(Mode::kReadOnly); !opened.ok()) return opened;
    if (absl::Status complete = probe.CheckAcked(*acked); !complete.ok()) return complete;
  } else if (*acked > 0) {
    return absl::DataLossError(absl::StrCat(
        "data directory ", data_dir, " is damaged: its database (", DatabasePath(data_dir),
        ") is gone, though changes up to #", *acked,
        " were acknowledged; restore a backup with `tact admin restore`, or start again from "
        "nothing with `tact admin salvage --data ",
        data_dir, "`"));
  }
  if (absl::Status opened = journal->OpenDatabase(Mode::kWrite); !opened.ok()) return opened;
  journal->acked_fd_ = OpenAckedMark(data_dir);
  if (journal->acked_fd_ < 0) {
    return absl::PermissionDeniedError(
        absl::StrCat("data directory ", data_dir, ": cannot open ACKED: ", std::strerror(errno)));
  }
  journal->syncer_ = std::thread([raw = journal.get()] { raw->SyncLoop(); });
  if (journal->options_.min_free_bytes > 0) {
    journal->disk_watcher_ = std::thread([raw = journal.get()] { raw->WatchDisk(); });
  }
  return journal;
}

absl::StatusOr<std::unique_ptr<Journal>> Journal::OpenReadOnly(const std::string& data_dir) {
  std::unique_ptr<Journal> journal(new Journal(data_dir, JournalOptions{}));
  if (!std::filesystem::exists(DatabasePath(data_dir) + "/CURRENT")) {
    auto acked = ReadAckedMark(data_dir);
    if (acked.ok() && *acked > 0) {
      return absl::DataLossError(absl::StrCat(
          "data directory ", data_dir, " is damaged: its database is gone, though changes up to #",
          *acked, " were acknowledged; restore a backup with `tact admin restore`"));
    }
    return absl::NotFoundError(absl::StrCat("data directory ", data_dir, " holds no tact state"));
  }
  if (!DataDirHolder(data_dir).empty()) {
    // A tact is writing it: follow it as a secondary instance.
    if (absl::Status opened = journal->OpenDatabase(Mode::kSecondary); !opened.ok()) return opened;
    return journal;
  }
  auto acked = ReadAckedMark(data_dir);
  if (!acked.ok()) return acked.status();
  if (absl::Status opened = journal->OpenDatabase(Mode::kReadOnly); !opened.ok()) return opened;
  if (absl::Status complete = journal->CheckAcked(*acked); !complete.ok()) return complete;
  return journal;
}

std::vector<rocksdb::ColumnFamilyDescriptor> Journal::FamilyDescriptors() {
  rocksdb::ColumnFamilyOptions plain;
  rocksdb::ColumnFamilyOptions history = plain;
  history.compaction_filter_factory =
      HistoryFilters(options_.clock, [this] { return retention_minutes_.load(); });
  history.periodic_compaction_seconds = 24 * 3600;
  // Histories are written on every send and read only whole, by iterators
  // (Load, a reader opening the directory): appended to a vector that is
  // sorted once, at flush or at the first iterator, where a skip list paid
  // a search among every write since the last flush for each one (45 % of
  // an embedded decision's time). A point read here (Get) would sort the
  // vector each time: this family must never have one. A vector takes no
  // concurrent inserts, so the database applies a write group's batches in
  // turn (allow_concurrent_memtable_write below).
  history.memtable_factory = std::make_shared<rocksdb::VectorRepFactory>();
  rocksdb::ColumnFamilyOptions events = plain;
  const Minute event_window = static_cast<Minute>(absl::ToInt64Minutes(options_.event_window));
  events.compaction_filter_factory =
      EventFilters(options_.clock, [event_window] { return event_window; });
  events.periodic_compaction_seconds = 24 * 3600;
  rocksdb::BlockBasedTableOptions table;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));  // most event ids are new
  events.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  rocksdb::ColumnFamilyOptions touches = plain;
  touches.compaction_filter_factory =
      TouchFilters(options_.clock, [this] { return ledger_retention_minutes_.load(); });
  touches.periodic_compaction_seconds = 24 * 3600;

  return {{rocksdb::kDefaultColumnFamilyName, plain},
          {kHistory, history},
          {kPeople, plain},
          {kAccounts, plain},
          {kEvents, events},
          {kTouches, touches}};
}

rocksdb::DBOptions Journal::DatabaseOptions(bool read_only) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = !read_only;
  db_options.create_missing_column_families = !read_only;
  db_options.allow_concurrent_memtable_write = false;  // the history family's vector (above)
  db_options.keep_log_file_num = 3;
  db_options.max_total_wal_size = 256 << 20;  // older column families flush beyond it
  db_options.info_log_level = rocksdb::WARN_LEVEL;
  db_options.info_log = WarningLogger(options_.warn);
  db_options.listeners.push_back(StopOnError(
      [this](const rocksdb::Status& error) { Fail(FromRocks(error, data_dir_, "writing")); }));
  // A record cut short at the log's end (the process or machine died while
  // writing it; it was never acknowledged) is dropped; damage anywhere else
  // refuses the open, instead of silently ending the replay there.
  db_options.wal_recovery_mode = salvage_ ? rocksdb::WALRecoveryMode::kSkipAnyCorruptedRecords
                                          : rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  return db_options;
}

absl::Status Journal::OpenDatabase(Mode mode) {
  const bool read_only = mode != Mode::kWrite;
  read_only_ = read_only;
  rocksdb::DBOptions db_options = DatabaseOptions(read_only);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors = FamilyDescriptors();
  const std::string path = DatabasePath(data_dir_);
  if (read_only) {
    // A directory written before the touch ledger existed lacks its family;
    // a secondary cannot create it, so it reads without.
    std::vector<std::string> existing;
    if (rocksdb::DB::ListColumnFamilies(db_options, path, &existing).ok() &&
        std::find(existing.begin(), existing.end(), kTouches) == existing.end()) {
      descriptors.pop_back();
    }
  }
  rocksdb::DB* db = nullptr;
  rocksdb::Status status;
  if (mode == Mode::kReadOnly) {
    status = rocksdb::DB::OpenForReadOnly(db_options, path, descriptors, &families_, &db);
  } else if (mode == Mode::kSecondary) {
    char scratch[] = "/tmp/tact-read-XXXXXX";
    if (mkdtemp(scratch) == nullptr) {
      return absl::UnavailableError("cannot create a scratch directory under /tmp");
    }
    secondary_dir_ = scratch;
    db_options.max_open_files = -1;  // required of a secondary instance
    if (!std::filesystem::exists(path + "/CURRENT")) {
      return absl::NotFoundError(
          absl::StrCat("data directory ", data_dir_, " holds no tact state"));
    }
    status = rocksdb::DB::OpenAsSecondary(db_options, path, secondary_dir_, descriptors, &families_,
                                          &db);
  } else {
    // RocksDB reports a missing directory as an error before creating it.
    std::error_code ignored;
    std::filesystem::create_directories(path, ignored);
    status = rocksdb::DB::Open(db_options, path, descriptors, &families_, &db);
  }
  if (!status.ok()) return FromRocks(status, data_dir_, "opening the database");
  db_.reset(db);
  history_ = families_[1];
  people_ = families_[2];
  accounts_ = families_[3];
  events_ = families_[4];
  touches_ = families_.size() > 5 ? families_[5] : nullptr;
  return absl::OkStatus();
}

Journal::~Journal() {
  {
    std::lock_guard<std::mutex> lock(sync_mutex_);
    stopping_ = true;
  }
  sync_wanted_.notify_all();
  disk_watch_wake_.notify_all();
  if (syncer_.joinable()) syncer_.join();
  if (disk_watcher_.joinable()) disk_watcher_.join();
  if (db_) {
    // After a failed write nothing more is written (see WriteHistory), and
    // on a disk short of space the log alone keeps everything.
    if (!read_only_ && !failed_.load() && CheckFreeSpace(data_dir_, options_.min_free_bytes).ok()) {
      // Table files, not the log, are what the next start reads fastest.
      const uint64_t last = db_->GetLatestSequenceNumber();
      if (db_->Flush(rocksdb::FlushOptions(), families_).ok() && db_->SyncWAL().ok() &&
          acked_fd_ >= 0) {
        WriteAckedMark(acked_fd_, last);
      }
    }
    for (rocksdb::ColumnFamilyHandle* family : families_) db_->DestroyColumnFamilyHandle(family);
    db_->Close();
    db_.reset();
  }
  if (!secondary_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(secondary_dir_, ignored);
  }
  if (acked_fd_ >= 0) close(acked_fd_);
}

void Journal::Put(rocksdb::ColumnFamilyHandle* family, absl::string_view key,
                  absl::string_view value) {
  if (rocksdb::WriteBatch* batch = ThisThreadsBatch(); batch != nullptr) {
    if (const rocksdb::Status added = batch->Put(family, ToSlice(key), ToSlice(value));
        !added.ok()) {
      Fail(FromRocks(added, data_dir_, "writing"));
    }
    return;
  }
  GatedWrite([&](rocksdb::DB& db, const rocksdb::WriteOptions& write) {
    return db.Put(write, family, ToSlice(key), ToSlice(value));
  });
}

void Journal::Delete(rocksdb::ColumnFamilyHandle* family, absl::string_view key) {
  GatedWrite([&](rocksdb::DB& db, const rocksdb::WriteOptions& write) {
    return db.Delete(write, family, ToSlice(key));
  });
}

void Journal::GatedWrite(
    absl::FunctionRef<rocksdb::Status(rocksdb::DB&, const rocksdb::WriteOptions&)> write) {
  // A failed write leaves RocksDB's log writer in an unknown state; writing
  // or syncing again can abort the process. The gate makes "failed" known
  // before the syncer can look (see SyncLoop).
  std::shared_lock<std::shared_mutex> gate(write_gate_);
  if (failed_.load(std::memory_order_acquire)) return;
  rocksdb::WriteOptions options;
  options.sync = false;  // the syncer makes writes durable (see SyncLoop)
  const rocksdb::Status status = write(*db_, options);
  if (!status.ok()) Fail(FromRocks(status, data_dir_, "writing"));
}

void Journal::WriteTouch(uint64_t id, const LedgerEntry& entry) {
  Put(touches_, TouchKey(id), EncodeLedgerEntry(entry));
}

void Journal::WriteMirrorDay(absl::string_view key, absl::string_view bytes) {
  Put(families_[0], key, bytes);
}

absl::Status Journal::LoadPrefixed(
    absl::string_view prefix, absl::string_view what,
    absl::FunctionRef<absl::Status(absl::string_view key, absl::string_view value)> load) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), families_[0]));
  for (it->Seek(ToSlice(prefix)); it->Valid() && it->key().starts_with(ToSlice(prefix));
       it->Next()) {
    if (absl::Status status = load(ToView(it->key()), ToView(it->value())); !status.ok()) {
      return absl::DataLossError(absl::StrCat("data directory ", data_dir_, " is corrupt: ",
                                              ToView(it->key()), ": ", status.message()));
    }
  }
  return FromRocks(it->status(), data_dir_, absl::StrCat("reading ", what));
}

absl::Status Journal::LoadMirrorDays(
    absl::FunctionRef<absl::Status(absl::string_view)> load) const {
  return LoadPrefixed("mirror/", "the mirror",
                      [&](absl::string_view, absl::string_view value) { return load(value); });
}

void Journal::WriteHeldTouch(const HeldTouch& held) {
  Put(families_[0], HeldTouchKey(held.id), EncodeHeldTouch(held));
}

void Journal::ForgetHeldTouch(uint64_t id) { Delete(families_[0], HeldTouchKey(id)); }

absl::Status Journal::LoadHeldTouches(MemoryHeldTouches& into) const {
  return LoadDecoded(kHeldKeyPrefix, "held touches", &DecodeHeldTouch, into);
}

absl::StatusOr<size_t> Journal::LoadTouches(Minute horizon, MemoryTouchLedger& ledger) const {
  if (touches_ == nullptr) return 0;
  rocksdb::ReadOptions read;
  read.fill_cache = false;
  size_t count = 0;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, touches_));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto entry = DecodeLedgerEntry(ToView(it->value()));
    if (!entry.ok() || it->key().size() != 8) {
      return absl::DataLossError(absl::StrCat(
          "data directory ", data_dir_,
          " is corrupt: a sent touch: ", entry.ok() ? "bad key" : entry.status().message()));
    }
    if (entry->minute < horizon) continue;
    ledger.Add(TouchIdOfKey(ToView(it->key())), *std::move(entry)).IgnoreError();  // never fails
    ++count;
  }
  if (!it->status().ok()) return FromRocks(it->status(), data_dir_, "reading sent touches");
  return count;
}

absl::StatusOr<std::optional<std::string>> Journal::FindSecret(absl::string_view name) const {
  std::string value;
  const rocksdb::Status found =
      db_->Get(rocksdb::ReadOptions(), families_[0], absl::StrCat("secret/", name), &value);
  if (found.IsNotFound()) return std::nullopt;
  if (!found.ok()) return FromRocks(found, data_dir_, "reading a secret");
  return value;
}

absl::StatusOr<std::string> Journal::GetOrCreateSecret(absl::string_view name,
                                                       std::optional<std::string> proposed) {
  const std::string key = absl::StrCat("secret/", name);
  absl::StatusOr<std::optional<std::string>> found = FindSecret(name);
  if (!found.ok()) return found.status();
  if (*found) return **found;
  std::string value;
  if (proposed) {
    value = *std::move(proposed);
  } else {
    std::random_device random;
    value.resize(32);
    for (char& byte : value) byte = static_cast<char>(random());
  }
  rocksdb::WriteOptions write;
  write.sync = true;
  std::shared_lock<std::shared_mutex> gate(write_gate_);
  if (failed_.load(std::memory_order_acquire)) return Health();
  if (rocksdb::Status put = db_->Put(write, families_[0], key, value); !put.ok()) {
    const absl::Status failed = FromRocks(put, data_dir_, "writing a secret");
    Fail(failed);
    return failed;
  }
  return value;
}

void Journal::WritePerson(const Person& person) {
  Put(people_, person.id, EncodePersonRecord(person));
}

void Journal::WriteAccount(const Account& account) {
  Put(accounts_, account.id, EncodeAccountRecord(account));
}

absl::StatusOr<bool> Journal::ApplyOnce(const Event& event, absl::Time now,
                                        absl::FunctionRef<absl::Status()> apply) {
  std::mutex& stripe = event_stripes_[absl::Hash<absl::string_view>{}(event.id) % kEventStripes];
  std::lock_guard<std::mutex> lock(stripe);
  const Minute minute = ToMinute(now);
  std::string seen;
  const rocksdb::Status found = db_->Get(rocksdb::ReadOptions(), events_, ToSlice(event.id), &seen);
  if (found.ok()) {
    const std::optional<Minute> when = EventSeenMinute(seen);
    const Minute window = static_cast<Minute>(absl::ToInt64Minutes(options_.event_window));
    if (when && *when >= minute - window) return false;
  } else if (!found.IsNotFound()) {
    Fail(FromRocks(found, data_dir_, "reading an event id"));
  }
  // The effect first, then the id: a crash between them leaves the id
  // unrecorded, and the provider's retry applies the (idempotent) effect again.
  if (absl::Status applied = apply(); !applied.ok()) return applied;
  Put(events_, event.id, EncodeEventSeen(minute, event));
  return true;
}

absl::StatusOr<JournalContents> Journal::Load(Minute horizon, MemoryStore& histories,
                                              MemoryProfiles& profiles) const {
  JournalContents contents;
  rocksdb::ReadOptions read;
  read.fill_cache = false;
  read.readahead_size = 2 << 20;
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, history_));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto history = DecodeHistory(ToView(it->value()));
      if (!history.ok()) {
        return absl::DataLossError(absl::StrCat("data directory ", data_dir_,
                                                " is corrupt: the history of '", ToView(it->key()),
                                                "': ", history.status().message()));
      }
      history->PruneBefore(horizon);
      if (history->ForgettableAt(horizon)) continue;
      ++contents.histories;
      contents.touches += history->touches().size();
      // An in-memory store never fails.
      histories
          .Apply(ToView(it->key()),
                 [&](History& kept) -> std::optional<LedgerWrite> {
                   kept = *std::move(history);
                   return std::nullopt;
                 })
          .IgnoreError();
    }
    if (!it->status().ok()) return FromRocks(it->status(), data_dir_, "reading histories");
  }
  const auto load_profiles = [&](rocksdb::ColumnFamilyHandle* family, auto decode, auto& into,
                                 size_t& count, absl::string_view what) -> absl::Status {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read, family));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto value = decode(ToView(it->value()));
      if (!value.ok()) {
        return absl::DataLossError(absl::StrCat("data directory ", data_dir_, " is corrupt: ", what,
                                                " '", ToView(it->key()),
                                                "': ", value.status().message()));
      }
      using T = typename std::decay_t<decltype(*value)>;
      into.Put(std::string(ToView(it->key())), std::make_shared<const T>(*std::move(value)));
      ++count;
    }
    return FromRocks(it->status(), data_dir_, "reading profiles");
  };
  if (absl::Status people = load_profiles(people_, DecodePersonRecord, profiles.people,
                                          contents.people, "the profile of person");
      !people.ok())
    return people;
  if (absl::Status accounts = load_profiles(accounts_, DecodeAccountRecord, profiles.accounts,
                                            contents.accounts, "the profile of account");
      !accounts.ok())
    return accounts;
  return contents;
}

absl::Status Journal::CompactNow() {
  for (rocksdb::ColumnFamilyHandle* family : {history_, events_}) {
    rocksdb::CompactRangeOptions options;
    options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
    if (rocksdb::Status status = db_->CompactRange(options, family, nullptr, nullptr); !status.ok())
      return FromRocks(status, data_dir_, "compacting");
  }
  return absl::OkStatus();
}

}  // namespace tact
