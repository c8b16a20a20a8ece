#include "store/journal_rocks.h"

#include <cstdarg>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "store/event_id_codec.h"
#include "store/history_codec.h"
#include "store/ledger_codec.h"

namespace tact {
namespace {

// Drops touches older than the retention; a history with nothing left
// within it goes entirely.
class HistoryFilter final : public rocksdb::CompactionFilter {
 public:
  explicit HistoryFilter(Minute horizon) : horizon_(horizon) {}
  const char* Name() const override { return "tact.HistoryFilter"; }
  bool Filter(int, const rocksdb::Slice&, const rocksdb::Slice& value, std::string* new_value,
              bool* value_changed) const override {
    auto history = DecodeHistory(ToView(value));
    if (!history.ok()) return false;  // kept for `tact admin verify` to report
    const size_t before = history->touches().size();
    history->PruneBefore(horizon_);
    if (history->ForgettableAt(horizon_)) return true;
    if (history->touches().size() != before) {
      EncodeHistory(*history, new_value);
      *value_changed = true;
    }
    return false;
  }

 private:
  const Minute horizon_;
};

class EventFilter final : public rocksdb::CompactionFilter {
 public:
  explicit EventFilter(Minute horizon) : horizon_(horizon) {}
  const char* Name() const override { return "tact.EventFilter"; }
  bool Filter(int, const rocksdb::Slice&, const rocksdb::Slice& value, std::string*,
              bool*) const override {
    const std::optional<Minute> seen = EventSeenMinute(ToView(value));
    return seen && *seen < horizon_;
  }

 private:
  const Minute horizon_;
};

// Drops sent touches older than the ledger's retention.
class TouchFilter final : public rocksdb::CompactionFilter {
 public:
  explicit TouchFilter(Minute horizon) : horizon_(horizon) {}
  const char* Name() const override { return "tact.TouchFilter"; }
  bool Filter(int, const rocksdb::Slice&, const rocksdb::Slice& value, std::string*,
              bool*) const override {
    auto entry = DecodeLedgerEntry(ToView(value));
    return entry.ok() && entry->minute < horizon_;
  }

 private:
  const Minute horizon_;
};

// Makes a filter per compaction with the horizon as it is then. A span of 0
// keeps everything.
template <typename Filter>
class FilterFactory final : public rocksdb::CompactionFilterFactory {
 public:
  FilterFactory(std::function<absl::Time()> clock, std::function<Minute()> span)
      : clock_(std::move(clock)), span_(std::move(span)) {}
  const char* Name() const override { return "tact.FilterFactory"; }
  std::unique_ptr<rocksdb::CompactionFilter> CreateCompactionFilter(
      const rocksdb::CompactionFilter::Context&) override {
    const Minute span = span_();
    if (span <= 0) return nullptr;
    return std::make_unique<Filter>(ToMinute(clock_()) - span);
  }

 private:
  std::function<absl::Time()> clock_;
  std::function<Minute()> span_;
};

class InfoLogToWarn final : public rocksdb::Logger {
 public:
  explicit InfoLogToWarn(std::function<void(absl::string_view)> warn)
      : rocksdb::Logger(rocksdb::WARN_LEVEL), warn_(std::move(warn)) {}
  using rocksdb::Logger::Logv;
  void Logv(const char* format, va_list ap) override {
    char line[1024];
    const int length = std::vsnprintf(line, sizeof(line), format, ap);
    if (length > 0) warn_(absl::string_view(line, std::min<size_t>(length, sizeof(line) - 1)));
  }

 private:
  std::function<void(absl::string_view)> warn_;
};

class StopOnErrorListener final : public rocksdb::EventListener {
 public:
  explicit StopOnErrorListener(std::function<void(const rocksdb::Status&)> stop)
      : stop_(std::move(stop)) {}
  void OnBackgroundError(rocksdb::BackgroundErrorReason, rocksdb::Status* error) override {
    if (error != nullptr && !error->ok()) stop_(*error);
  }
  void OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason, rocksdb::Status,
                            bool* auto_recovery) override {
    if (auto_recovery != nullptr) *auto_recovery = false;
  }

 private:
  std::function<void(const rocksdb::Status&)> stop_;
};

}  // namespace

// A RocksDB status as a tact one, naming the data directory.
absl::Status FromRocks(const rocksdb::Status& status, const std::string& data_dir,
                       absl::string_view doing) {
  if (status.ok()) return absl::OkStatus();
  const std::string detail = status.ToString();
  if (status.IsCorruption()) {
    return absl::DataLossError(absl::StrCat(
        "data directory ", data_dir, " is corrupt (", doing, ": ", detail,
        "); `tact admin verify --data ", data_dir,
        "` checks it, `tact admin restore` brings back a backup, `tact admin salvage --data ",
        data_dir, "` keeps what can be read and says how much was lost"));
  }
  if (status.IsIOError()) {
    return absl::UnavailableError(
        absl::StrCat("data directory ", data_dir, ": ", doing, " failed: ", detail));
  }
  return absl::InternalError(
      absl::StrCat("data directory ", data_dir, ": ", doing, " failed: ", detail));
}

// Event ids: int32 minute seen | uint8 type | person id.
std::shared_ptr<rocksdb::CompactionFilterFactory> HistoryFilters(std::function<absl::Time()> clock,
                                                                 std::function<Minute()> span) {
  return std::make_shared<FilterFactory<HistoryFilter>>(std::move(clock), std::move(span));
}

std::shared_ptr<rocksdb::CompactionFilterFactory> EventFilters(std::function<absl::Time()> clock,
                                                               std::function<Minute()> span) {
  return std::make_shared<FilterFactory<EventFilter>>(std::move(clock), std::move(span));
}

std::shared_ptr<rocksdb::CompactionFilterFactory> TouchFilters(std::function<absl::Time()> clock,
                                                               std::function<Minute()> span) {
  return std::make_shared<FilterFactory<TouchFilter>>(std::move(clock), std::move(span));
}

std::shared_ptr<rocksdb::Logger> WarningLogger(std::function<void(absl::string_view)> warn) {
  return std::make_shared<InfoLogToWarn>(std::move(warn));
}

std::shared_ptr<rocksdb::EventListener> StopOnError(
    std::function<void(const rocksdb::Status&)> stop) {
  return std::make_shared<StopOnErrorListener>(std::move(stop));
}

}  // namespace tact
