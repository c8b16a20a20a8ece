#include "redis_state/versioned_values.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "redis_state/ledger_script.h"
#include "redis_state/redis_format.h"

namespace tact {
namespace {

// KEYS[1]: the value's key; KEYS[2..n], when given: ledger buckets.
// ARGV[1]: the value's field ("": the key is the value); ARGV[2]: the
// version the change was made on (8 bytes; "" for none); ARGV[3]: the new
// value, or "" to check the version only; ARGV[3k-2..3k] for KEYS[k],
// k >= 2: the ledger entry's field, value and keep_ms.
// Returns {1} when stored, {0, value} when the version has moved on.
const std::string& CompareAndSetSource() {
  static const std::string* const source = new std::string(absl::StrCat(kAddLedgerEntryLua, R"lua(
local current
if ARGV[1] == '' then
  current = redis.call('GET', KEYS[1])
else
  current = redis.call('HGET', KEYS[1], ARGV[1])
end
local version = ''
if current then version = string.sub(current, 1, 8) end
if version ~= ARGV[2] then return {0, current or false} end
if ARGV[3] ~= '' then
  if ARGV[1] == '' then
    redis.call('SET', KEYS[1], ARGV[3])
  else
    redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  end
end
for k = 2, #KEYS do
  add_ledger_entry(KEYS[k], ARGV[3 * k - 2], ARGV[3 * k - 1], ARGV[3 * k])
end
return {1}
)lua"));
  return *source;
}

std::string VersionBytes(absl::string_view record) {
  return std::string(record.substr(0, std::min(record.size(), redis_format::kVersionBytes)));
}

}  // namespace

VersionedValues::VersionedValues(redis::ClusterClient& client)
    : client_(client), compare_and_set_(CompareAndSetSource()) {}

redis::Command VersionedValues::ReadCommand(const Location& where) {
  if (where.field.empty()) return {where.key, {"GET", where.key}};
  return {where.key, {"HGET", where.key, where.field}};
}

absl::StatusOr<std::string> VersionedValues::Read(const Location& where) {
  absl::StatusOr<redis::Reply> reply = client_.Run(ReadCommand(where));
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("reading a record"); !error.ok()) return error;
  return reply->is_nil() ? std::string() : std::move(reply->text);
}

absl::StatusOr<bool> VersionedValues::CompareAndSet(const Location& where, std::string& record,
                                                    const std::string& written) {
  return ReadCompareAndSet(client_.Run(CompareAndSetCommand(where, record, written, {})), record);
}

redis::Command VersionedValues::CompareAndSetCommand(const Location& where,
                                                     absl::string_view record,
                                                     const std::string& written,
                                                     absl::Span<LedgerEntryWrite> entries) const {
  std::vector<std::string> keys = {where.key}, args = {where.field, VersionBytes(record), written};
  keys.reserve(1 + entries.size());
  args.reserve(3 + 3 * entries.size());
  for (LedgerEntryWrite& entry : entries) {
    keys.push_back(std::move(entry.key));
    args.push_back(std::move(entry.field));
    args.push_back(std::move(entry.value));
    args.push_back(absl::StrCat(std::max<int64_t>(0, entry.keep_ms)));
  }
  return compare_and_set_.Call(std::move(keys), std::move(args));
}

absl::StatusOr<bool> VersionedValues::ReadCompareAndSet(absl::StatusOr<redis::Reply> reply,
                                                        std::string& record) {
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("the compare-and-set script"); !error.ok()) {
    return error;
  }
  if (!reply->is_array() || reply->elements.empty()) {
    return absl::InternalError("redis: the compare-and-set script answered an odd reply");
  }
  if (reply->elements[0].integer == 1) return true;
  record = reply->elements.size() > 1 && !reply->elements[1].is_nil()
               ? std::move(reply->elements[1].text)
               : std::string();
  return false;
}

}  // namespace tact
