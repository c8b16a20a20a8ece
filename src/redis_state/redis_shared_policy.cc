#include "redis_state/redis_shared_policy.h"

#include <string>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "store/policy_version_codec.h"

namespace tact {
namespace {

// KEYS[1]: the policy's hash; KEYS[2]: the versions' hash; ARGV: the
// version read, the text, its origin, the encoded version one above it.
// Returns the new version, or -1 when another node added one first.
constexpr char kAdd[] = R"lua(
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if version ~= tonumber(ARGV[1]) then return -1 end
redis.call('HSET', KEYS[1], 'version', version + 1, 'text', ARGV[2], 'origin', ARGV[3])
redis.call('HSET', KEYS[2], version + 1, ARGV[4])
return version + 1
)lua";

// KEYS[1]: the policy's hash; ARGV[1]: the version the caller has. Returns
// {version} when that is current, else {version, text, origin}.
constexpr char kNewerThan[] = R"lua(
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if version <= tonumber(ARGV[1]) then return {version} end
local fields = redis.call('HMGET', KEYS[1], 'text', 'origin')
return {version, fields[1], fields[2]}
)lua";

// Nodes that add a version at the same moment each read again; a bound on
// how often.
constexpr int kAddAttempts = 32;

}  // namespace

RedisSharedPolicy::RedisSharedPolicy(redis::ClusterClient& client, Persistence& persistence)
    : client_(client), persistence_(persistence), add_(kAdd), newer_than_(kNewerThan) {}

absl::StatusOr<int64_t> RedisSharedPolicy::CurrentVersion() const {
  absl::StatusOr<redis::Reply> reply = client_.Run({kKey, {"HGET", kKey, "version"}});
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("reading the policy"); !error.ok()) return error;
  int64_t version = 0;
  if (!reply->is_nil() && !absl::SimpleAtoi(reply->text, &version)) {
    return absl::DataLossError(absl::StrCat(kKey, " holds a version that is not a number"));
  }
  return version;
}

absl::StatusOr<int64_t> RedisSharedPolicy::Add(const PolicyVersion& record) {
  for (int attempt = 0; attempt < kAddAttempts; ++attempt) {
    absl::StatusOr<int64_t> current = CurrentVersion();
    if (!current.ok()) return current.status();
    PolicyVersion next = record;
    next.version = *current + 1;
    absl::StatusOr<redis::Reply> added =
        client_.Run(add_.Call({kKey, kVersionsKey}, {absl::StrCat(*current), record.text,
                                                     record.origin, EncodePolicyVersion(next)}));
    if (!added.ok()) return added.status();
    if (absl::Status error = added->ErrorStatus("publishing the policy"); !error.ok()) {
      return error;
    }
    if (added->integer < 0) continue;  // another node added one first
    // On a replica before it is acknowledged, as an opt-out is
    // (RedisPersistence answers at once, on this thread).
    absl::Status durable = absl::UnknownError("the policy's replicas did not answer");
    persistence_.WhenDurable(persistence_.Mark(), Urgency::kAlways,
                             [&](absl::Status status) { durable = std::move(status); });
    if (!durable.ok()) return durable;
    return added->integer;
  }
  return absl::UnavailableError("other nodes kept changing the policy; try again");
}

absl::StatusOr<std::vector<PolicyVersion>> RedisSharedPolicy::List(size_t limit,
                                                                   int64_t before) const {
  absl::StatusOr<int64_t> current = CurrentVersion();
  if (!current.ok()) return current.status();
  const int64_t from = before > 0 ? std::min(before - 1, *current) : *current;
  std::vector<PolicyVersion> listed;
  if (from < 1 || limit == 0) return listed;
  redis::Command read{kVersionsKey, {"HMGET", kVersionsKey}};
  for (int64_t version = from; version >= 1 && read.words.size() - 2 < limit; --version) {
    read.words.push_back(absl::StrCat(version));
  }
  absl::StatusOr<redis::Reply> reply = client_.Run(read);
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("reading the policy's versions"); !error.ok()) {
    return error;
  }
  for (const redis::Reply& element : reply->elements) {
    // Versions published before versions were kept have no record.
    if (element.is_nil()) continue;
    absl::StatusOr<PolicyVersion> decoded = DecodePolicyVersion(element.text);
    if (!decoded.ok()) {
      return absl::DataLossError(absl::StrCat(kVersionsKey, ": ", decoded.status().message()));
    }
    listed.push_back(*std::move(decoded));
  }
  return listed;
}

absl::StatusOr<std::optional<SharedPolicy::Published>> RedisSharedPolicy::NewerThan(
    int64_t version) {
  absl::StatusOr<redis::Reply> reply =
      client_.Run(newer_than_.Call({kKey}, {absl::StrCat(version)}));
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("reading the policy"); !error.ok()) return error;
  if (reply->elements.size() != 3) return std::nullopt;
  return Published{reply->elements[0].integer, std::move(reply->elements[1].text),
                   std::move(reply->elements[2].text)};
}

}  // namespace tact
