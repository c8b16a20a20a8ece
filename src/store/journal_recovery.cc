// The journal's checks and copies of a data directory: the acknowledged
// mark against what the log replays, verifying, backing up, and salvaging a
// damaged directory.
#include <rocksdb/db.h>
#include <rocksdb/utilities/checkpoint.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "store/data_dir.h"
#include "store/event_id_codec.h"
#include "store/journal.h"
#include "store/journal_rocks.h"
#include "store/memory_store.h"

namespace tact {

namespace {

// Copies DIR/db into DIR/damaged-<time>/db before anything changes it.
absl::StatusOr<std::string> CopyAside(const std::string& data_dir) {
  const std::string aside = absl::StrCat(
      data_dir, "/damaged-", absl::FormatTime("%Y%m%dT%H%M%SZ", absl::Now(), absl::UTCTimeZone()));
  std::error_code error;
  std::filesystem::create_directories(aside, error);
  if (!error) {
    std::filesystem::copy(DatabasePath(data_dir), DatabasePath(aside),
                          std::filesystem::copy_options::recursive, error);
  }
  if (error) {
    return absl::UnavailableError(
        absl::StrCat("data directory ", data_dir,
                     ": cannot copy the damaged database aside: ", error.message()));
  }
  return aside;
}

}  // namespace

absl::StatusOr<Journal::Salvaged> Journal::Salvage(const std::string& data_dir) {
  Salvaged salvaged;
  auto acked = ReadAckedMark(data_dir);
  salvaged.acknowledged = acked.ok() ? *acked : 0;
  const std::string path = DatabasePath(data_dir);
  std::error_code error;
  if (std::filesystem::exists(path, error)) {
    auto aside = CopyAside(data_dir);
    if (!aside.ok()) return aside.status();
    salvaged.aside = *std::move(aside);
  }
  // First the log as it is, every intact record replayed and damaged ones
  // skipped; when the manifest itself is damaged, RocksDB's repair rebuilds
  // it from the table files and logs.
  Journal journal(data_dir, JournalOptions{});
  journal.salvage_ = true;
  if (absl::Status opened = journal.OpenDatabase(Mode::kWrite); !opened.ok()) {
    rocksdb::DBOptions options;
    options.info_log_level = rocksdb::WARN_LEVEL;
    options.info_log = WarningLogger([](absl::string_view) {});
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const char* name : {rocksdb::kDefaultColumnFamilyName.c_str(), kHistory, kPeople,
                             kAccounts, kEvents, kTouches}) {
      families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
    const rocksdb::Status repaired =
        rocksdb::RepairDB(path, options, families, rocksdb::ColumnFamilyOptions());
    if (!repaired.ok()) return FromRocks(repaired, data_dir, "repairing the database");
    // The repair may have dropped column families that had no table file;
    // opening for writing creates them again.
    journal.families_.clear();
    if (absl::Status again = journal.OpenDatabase(Mode::kWrite); !again.ok()) return again;
  }
  // What was kept is the state from now on.
  std::filesystem::remove(absl::StrCat(data_dir, "/ACKED"), error);
  if (error) {
    return absl::PermissionDeniedError(
        absl::StrCat("data directory ", data_dir, ": cannot reset ACKED: ", error.message()));
  }
  if (absl::Status format = WriteFormat(data_dir); !format.ok()) return format;
  salvaged.recovered = journal.db_->GetLatestSequenceNumber();
  journal.acked_fd_ = OpenAckedMark(data_dir);
  return salvaged;
}

absl::Status Journal::CheckAcked(uint64_t acked) const {
  const uint64_t last = db_->GetLatestSequenceNumber();
  if (last >= acked) return absl::OkStatus();
  return absl::DataLossError(absl::StrCat(
      "data directory ", data_dir_, " is damaged: changes up to #", acked,
      " were acknowledged, but its database ends at #", last, " (", acked - last,
      " changes are missing: its write-ahead log or manifest was damaged or truncated); restore "
      "a backup with `tact admin restore`, or keep what can be read with `tact admin salvage "
      "--data ",
      data_dir_, "`"));
}

absl::Status Journal::Backup(const std::string& out_dir) {
  std::error_code error;
  if (std::filesystem::exists(out_dir, error) && !std::filesystem::is_empty(out_dir, error)) {
    return absl::AlreadyExistsError(absl::StrCat(
        "backup directory ", out_dir, " already exists and is not empty; give a new one"));
  }
  std::filesystem::create_directories(out_dir, error);
  if (error) {
    return absl::PermissionDeniedError(
        absl::StrCat("backup directory ", out_dir, " cannot be created: ", error.message()));
  }
  rocksdb::Checkpoint* raw = nullptr;
  rocksdb::Status status = rocksdb::Checkpoint::Create(db_.get(), &raw);
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  if (status.ok()) status = checkpoint->CreateCheckpoint(DatabasePath(out_dir));
  if (!status.ok()) return FromRocks(status, data_dir_, "making a backup");
  return WriteFormat(out_dir);
}

absl::StatusOr<JournalContents> Journal::Verify() const {
  if (!secondary_dir_.empty()) {
    if (rocksdb::Status caught_up = db_->TryCatchUpWithPrimary(); !caught_up.ok())
      return FromRocks(caught_up, data_dir_, "reading the latest writes");
  }
  if (rocksdb::Status checksums = db_->VerifyChecksum(); !checksums.ok())
    return FromRocks(checksums, data_dir_, "verifying checksums");
  MemoryStore histories;
  MemoryProfiles profiles;
  auto contents = Load(std::numeric_limits<Minute>::min(), histories, profiles);
  if (!contents.ok()) return contents;
  MemoryTouchLedger ledger;
  auto sent = LoadTouches(std::numeric_limits<Minute>::min(), ledger);
  if (!sent.ok()) return sent.status();
  contents->sent_touches = *sent;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), events_));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (!EventSeenMinute(ToView(it->value()))) {
      return absl::DataLossError(absl::StrCat("data directory ", data_dir_,
                                              " is corrupt: event id '", ToView(it->key()),
                                              "' has a malformed record"));
    }
    ++contents->events;
  }
  if (!it->status().ok()) return FromRocks(it->status(), data_dir_, "reading event ids");
  return contents;
}

}  // namespace tact
