#include "redis_state/person_records.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "redis_state/redis_format.h"
#include "store/history_codec.h"

namespace tact {
absl::StatusOr<History> DecodeHistoryRecord(absl::string_view person_id, absl::string_view record) {
  if (record.empty()) return History();
  absl::StatusOr<History> history = DecodeHistory(redis_format::RecordHistory(record));
  if (!history.ok()) {
    return absl::DataLossError(absl::StrCat("redis: the record of person '", person_id,
                                            "' does not decode: ", history.status().message()));
  }
  return history;
}

namespace {

// The encoding of a new person's empty history: what a missing record holds.
const std::string& EmptyHistoryBytes() {
  static const std::string* const bytes = [] {
    auto* encoded = new std::string();
    EncodeHistory(History(), encoded);
    return encoded;
  }();
  return *bytes;
}

}  // namespace

PersonRecords::PersonRecords(redis::ClusterClient& client, Options options)
    : options_(options), values_(client), cache_(options.cached_people) {}

PersonRecords::Stats PersonRecords::stats() const {
  return {reads_.load(), writes_.load(), conflicts_.load(), cache_hits_.load()};
}

absl::StatusOr<std::string> PersonRecords::Read(const std::string& key) {
  reads_.fetch_add(1);
  return values_.Read(key);
}

absl::StatusOr<std::string> PersonRecords::Load(const std::string& key, bool& fresh) {
  fresh = false;
  if (std::optional<std::string> cached = cache_.Find(key)) {
    cache_hits_.fetch_add(1);
    return *std::move(cached);
  }
  fresh = true;
  return Read(key);
}

void PersonRecords::Prime(absl::string_view person_id, std::string record) {
  cache_.Put(redis_format::HistoryKey(person_id), std::move(record));
}

absl::StatusOr<std::optional<History>> PersonRecords::Get(absl::string_view person_id) {
  absl::StatusOr<std::string> record = Read(redis_format::HistoryKey(person_id));
  if (!record.ok()) return record.status();
  if (record->empty()) return std::nullopt;
  absl::StatusOr<History> history = DecodeHistoryRecord(person_id, *record);
  if (!history.ok()) return history.status();
  return std::optional<History>(*std::move(history));
}

absl::Status PersonRecords::Apply(absl::string_view person_id,
                                  absl::FunctionRef<std::optional<LedgerWrite>(History&)> change) {
  const std::string key = redis_format::HistoryKey(person_id);
  bool fresh = false;
  absl::StatusOr<std::string> record = Load(key, fresh);
  if (!record.ok()) return record.status();
  for (int attempt = 0; attempt < options_.max_attempts; ++attempt) {
    absl::StatusOr<History> history = DecodeHistoryRecord(person_id, *record);
    if (!history.ok()) return history.status();
    std::optional<LedgerWrite> ledger = change(*history);
    std::string encoded;
    EncodeHistory(*history, &encoded);
    // A record in an older history encoding counts as changed: it is
    // written again in this one.
    const bool changed = encoded != (record->empty() ? absl::string_view(EmptyHistoryBytes())
                                                     : redis_format::RecordHistory(*record));
    if (!changed && !ledger && fresh) return absl::OkStatus();  // read just now: nothing to check
    const std::string written =
        changed ? redis_format::MakeRecord(redis_format::RecordVersion(*record) + 1, encoded) : "";
    absl::StatusOr<bool> stored = CompareAndSet(key, *record, written, std::move(ledger));
    if (!stored.ok()) {
      cache_.Erase(key);
      return stored.status();
    }
    if (*stored) {
      cache_.Put(key, changed ? written : *std::move(record));
      return absl::OkStatus();
    }
    conflicts_.fetch_add(1);
    fresh = true;
  }
  cache_.Erase(key);
  return absl::AbortedError(absl::StrCat("redis: person '", person_id, "' changed ",
                                         options_.max_attempts,
                                         " times while deciding; ask again"));
}

absl::StatusOr<bool> PersonRecords::CompareAndSet(const std::string& key, std::string& record,
                                                  const std::string& written,
                                                  std::optional<LedgerWrite> ledger) {
  std::optional<VersionedValues::AlsoSet> also;
  if (ledger) {
    also = VersionedValues::AlsoSet{
        redis_format::LedgerKey(ledger->touch_id), std::move(ledger->entry),
        ledger->keep == absl::InfiniteDuration()
            ? 0
            : std::max<int64_t>(1, absl::ToInt64Milliseconds(ledger->keep))};
  }
  writes_.fetch_add(1);
  return values_.CompareAndSet(key, record, written, std::move(also));
}

}  // namespace tact
