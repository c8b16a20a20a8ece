// A data directory's layout and the guards around opening it:
//   DIR/LOCK    held (flock) by the one tact process that writes DIR; holds
//               its pid and, for `tact serve`, its listen address
//   DIR/FORMAT  "tact-data <version>": the layout of everything below.
//               1: people and accounts stored as JSON; 2: in their binary
//               encoding (store/profile_codec.h). Version 1 is read and
//               rewritten as 2 when `tact serve` opens the directory.
//   DIR/db/     the RocksDB database (see journal.h)
//   DIR/ACKED   "tact-acked <20-digit sequence>\n": the database's sequence
//               number up to which its log was synced, so up to which every
//               change was acknowledged as durable. Kept outside the log, so
//               that a log that lost acknowledged records (damaged, truncated,
//               a lost manifest, a removed db/) is detected at start.
//               Frozen format: 32 bytes, rewritten in place; empty until
//               the first sync (created when the journal opens).
// Every refusal names the directory and says what to do.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace tact {

inline constexpr int kDataFormat = 2;

// The exclusive lock on a data directory; released when destroyed.
class DataDirLock {
 public:
  DataDirLock() = default;
  DataDirLock(DataDirLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DataDirLock& operator=(DataDirLock&& other) noexcept;
  ~DataDirLock();

  // Records who holds the lock (pid, and `address` when serving) in DIR/LOCK.
  void Describe(const std::string& address) const;

 private:
  friend absl::StatusOr<DataDirLock> LockDataDir(const std::string& dir);
  int fd_ = -1;
};

// Creates `dir` if missing, checks it is a writable directory and locks it.
// FailedPrecondition when another process holds it (the message says which).
absl::StatusOr<DataDirLock> LockDataDir(const std::string& dir);

// Who holds the lock on `dir` ("pid 123, serving 127.0.0.1:8080"), or empty
// when nobody does.
std::string DataDirHolder(const std::string& dir);

// Checks DIR/FORMAT: OK for this version; FailedPrecondition for a newer one;
// DataLoss when it is unreadable, or missing beside an existing database.
// With `create`, a new directory (no database yet) gets a FORMAT file.
absl::Status CheckFormat(const std::string& dir, bool create);

// The version DIR/FORMAT names, checked as CheckFormat does; with `create`,
// a new directory gets a FORMAT file and this version.
absl::StatusOr<int> ReadFormat(const std::string& dir, bool create = false);

// Writes DIR/FORMAT for this version.
absl::Status WriteFormat(const std::string& dir);

// OK when the filesystem holding `dir` has at least `min_free_bytes` free
// for tact's user; ResourceExhausted naming the directory, what is free and
// what to do otherwise; Unavailable when it cannot be asked.
absl::Status CheckFreeSpace(const std::string& dir, uint64_t min_free_bytes);

// The acknowledged mark of `dir` (DIR/ACKED): 0 when there is none (a new
// directory, one written before the mark existed, or one whose process ended
// before its first sync left the file empty). DataLoss when the file is
// unreadable or malformed.
absl::StatusOr<uint64_t> ReadAckedMark(const std::string& dir);
// Opens DIR/ACKED for AckedMarkWriter; -1 with errno on failure.
int OpenAckedMark(const std::string& dir);
// Writes `mark` into the open DIR/ACKED. No fsync: it is written after the
// log was synced up to `mark`, so whatever of it reaches the disk never
// claims more than the log holds.
bool WriteAckedMark(int fd, uint64_t mark);

// The database directory inside a data directory.
std::string DatabasePath(const std::string& dir);

}  // namespace tact
