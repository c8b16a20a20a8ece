#include "redis_state/versioned_values.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "redis_state/redis_format.h"

namespace tact {
namespace {

// KEYS[1]: the record; KEYS[2..n], when given: plain values.
// ARGV[1]: the version the change was made on (8 bytes; "" for none);
// ARGV[2]: the new record, or "" to check the version only;
// ARGV[2k-1], ARGV[2k] for KEYS[k], k >= 2: the plain value and its
// lifetime in milliseconds (0: none).
// Returns {1} when stored, {0, record} when the version has moved on.
constexpr char kCompareAndSet[] = R"lua(
local current = redis.call('GET', KEYS[1])
local version = ''
if current then version = string.sub(current, 1, 8) end
if version ~= ARGV[1] then return {0, current or false} end
if ARGV[2] ~= '' then redis.call('SET', KEYS[1], ARGV[2]) end
for k = 2, #KEYS do
  if ARGV[2 * k] ~= '0' then
    redis.call('SET', KEYS[k], ARGV[2 * k - 1], 'PX', ARGV[2 * k])
  else
    redis.call('SET', KEYS[k], ARGV[2 * k - 1])
  end
end
return {1}
)lua";

std::string VersionBytes(absl::string_view record) {
  return std::string(record.substr(0, std::min(record.size(), redis_format::kVersionBytes)));
}

}  // namespace

VersionedValues::VersionedValues(redis::ClusterClient& client)
    : client_(client), compare_and_set_(kCompareAndSet) {}

absl::StatusOr<std::string> VersionedValues::Read(const std::string& key) {
  absl::StatusOr<redis::Reply> reply = client_.Run({key, {"GET", key}});
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("GET"); !error.ok()) return error;
  return reply->is_nil() ? std::string() : std::move(reply->text);
}

absl::StatusOr<bool> VersionedValues::CompareAndSet(const std::string& key, std::string& record,
                                                    const std::string& written,
                                                    std::optional<AlsoSet> also) {
  std::vector<AlsoSet> alongside;
  if (also) alongside.push_back(*std::move(also));
  return ReadCompareAndSet(
      client_.Run(CompareAndSetCommand(key, record, written, absl::MakeSpan(alongside))), record);
}

redis::Command VersionedValues::CompareAndSetCommand(const std::string& key,
                                                     absl::string_view record,
                                                     const std::string& written,
                                                     absl::Span<AlsoSet> also) const {
  std::vector<std::string> keys = {key}, args = {VersionBytes(record), written};
  for (AlsoSet& set : also) {
    keys.push_back(std::move(set.key));
    args.push_back(std::move(set.value));
    args.push_back(absl::StrCat(std::max<int64_t>(0, set.expire_ms)));
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
