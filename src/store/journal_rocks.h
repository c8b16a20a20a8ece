// How the journal sits on RocksDB: status conversion, the frozen column
// family names, the compaction filters that forget what the
// policy no longer looks at, and the hooks that route RocksDB's log and its
// reaction to a failed write to tact. Private to the journal's files.
#pragma once

#include <rocksdb/compaction_filter.h>
#include <rocksdb/env.h>
#include <rocksdb/listener.h>
#include <rocksdb/slice.h>
#include <rocksdb/status.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "core/minutes.h"

namespace tact {

// The column families (frozen names).
inline constexpr const char* kHistory = "history";
inline constexpr const char* kPeople = "people";
inline constexpr const char* kAccounts = "accounts";
inline constexpr const char* kEvents = "events";
inline constexpr const char* kTouches = "touches";

inline rocksdb::Slice ToSlice(absl::string_view text) { return {text.data(), text.size()}; }
inline absl::string_view ToView(const rocksdb::Slice& slice) {
  return {slice.data(), slice.size()};
}

// A RocksDB status as a tact one, naming the data directory: DataLoss (with
// the way forward) for corruption, Unavailable for I/O errors.
absl::Status FromRocks(const rocksdb::Status& status, const std::string& data_dir,
                       absl::string_view doing);

// Compaction filters, made per compaction with the horizon as it is then
// (`clock` minus `span`; a span of 0 keeps everything): histories lose
// touches older than the retention (and go when nothing is left), event
// ids and sent touches older than theirs go.
std::shared_ptr<rocksdb::CompactionFilterFactory> HistoryFilters(std::function<absl::Time()> clock,
                                                                 std::function<Minute()> span);
std::shared_ptr<rocksdb::CompactionFilterFactory> EventFilters(std::function<absl::Time()> clock,
                                                               std::function<Minute()> span);
std::shared_ptr<rocksdb::CompactionFilterFactory> TouchFilters(std::function<absl::Time()> clock,
                                                               std::function<Minute()> span);

// RocksDB's info log (warnings and errors), handed to `warn`.
std::shared_ptr<rocksdb::Logger> WarningLogger(std::function<void(absl::string_view)> warn);

// RocksDB's own reaction to a failed write, replaced by tact's: `stop` is
// called, and RocksDB's automatic recovery, which would write again to
// files that met the error, is turned off. A restart recovers from the log.
std::shared_ptr<rocksdb::EventListener> StopOnError(
    std::function<void(const rocksdb::Status&)> stop);

}  // namespace tact
