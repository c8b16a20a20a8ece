#include "redis_state/person_records.h"

#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "redis_state/redis_format.h"
#include "store/history_codec.h"

namespace tact {
namespace {

// KEYS[1]: the person's record; KEYS[2], when given: a ledger entry.
// ARGV[1]: the version the change was made on (8 bytes; "" for none);
// ARGV[2]: the new record, or "" to check the version only;
// ARGV[3], ARGV[4]: the ledger entry and its lifetime in milliseconds.
// Returns {1} when stored, {0, record} when the version has moved on.
constexpr char kCompareAndSet[] = R"lua(
local current = redis.call('GET', KEYS[1])
local version = ''
if current then version = string.sub(current, 1, 8) end
if version ~= ARGV[1] then return {0, current or false} end
if ARGV[2] ~= '' then redis.call('SET', KEYS[1], ARGV[2]) end
if #KEYS > 1 then redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4]) end
return {1}
)lua";

absl::StatusOr<History> DecodeRecord(absl::string_view person_id, absl::string_view record) {
  if (record.empty()) return History();
  absl::StatusOr<History> history = DecodeHistory(redis_format::RecordHistory(record));
  if (!history.ok()) {
    return absl::DataLossError(absl::StrCat("redis: the record of person '", person_id,
                                            "' does not decode: ", history.status().message()));
  }
  return history;
}

// The encoding of a new person's empty history: what a missing record holds.
const std::string& EmptyHistoryBytes() {
  static const std::string* const bytes = [] {
    auto* encoded = new std::string();
    EncodeHistory(History(), encoded);
    return encoded;
  }();
  return *bytes;
}

std::string VersionBytes(absl::string_view record) {
  return std::string(record.substr(0, std::min(record.size(), redis_format::kVersionBytes)));
}

}  // namespace

PersonRecords::PersonRecords(redis::ClusterClient& client, Options options)
    : client_(client),
      options_(options),
      compare_and_set_(kCompareAndSet),
      cache_(options.cached_people) {}

PersonRecords::Stats PersonRecords::stats() const {
  return {reads_.load(), writes_.load(), conflicts_.load(), cache_hits_.load()};
}

absl::StatusOr<std::string> PersonRecords::Read(const std::string& key) {
  reads_.fetch_add(1);
  absl::StatusOr<redis::Reply> reply = client_.Run({key, {"GET", key}});
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return absl::InternalError(absl::StrCat("redis: GET: ", reply->text));
  return reply->is_nil() ? std::string() : std::move(reply->text);
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

absl::StatusOr<std::optional<History>> PersonRecords::Get(absl::string_view person_id) {
  absl::StatusOr<std::string> record = Read(redis_format::HistoryKey(person_id));
  if (!record.ok()) return record.status();
  if (record->empty()) return std::nullopt;
  absl::StatusOr<History> history = DecodeRecord(person_id, *record);
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
    absl::StatusOr<History> history = DecodeRecord(person_id, *record);
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
  std::vector<std::string> keys = {key}, args = {VersionBytes(record), written};
  if (ledger) {
    keys.push_back(redis_format::LedgerKey(ledger->touch_id));
    args.push_back(std::move(ledger->entry));
    args.push_back(absl::StrCat(std::max<int64_t>(1, absl::ToInt64Milliseconds(ledger->keep))));
  }
  writes_.fetch_add(1);
  absl::StatusOr<redis::Reply> reply =
      client_.Run(compare_and_set_.Call(std::move(keys), std::move(args)));
  if (!reply.ok()) return reply.status();
  if (!reply->is_array() || reply->elements.empty()) {
    return absl::InternalError(absl::StrCat("redis: the compare-and-set script answered ",
                                            reply->is_error() ? reply->text : "an odd reply"));
  }
  if (reply->elements[0].integer == 1) return true;
  record = reply->elements.size() > 1 && !reply->elements[1].is_nil()
               ? std::move(reply->elements[1].text)
               : std::string();
  return false;
}

}  // namespace tact
