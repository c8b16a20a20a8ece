#include "redis_state/redis_shared_policy.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tact {
namespace {

// KEYS[1]: the policy's hash; ARGV: the text, its origin. Returns the version.
constexpr char kPublish[] = R"lua(
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'text', ARGV[1], 'origin', ARGV[2])
return version
)lua";

// KEYS[1]: the policy's hash; ARGV[1]: the version the caller has. Returns
// {version} when that is current, else {version, text, origin}.
constexpr char kNewerThan[] = R"lua(
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if version <= tonumber(ARGV[1]) then return {version} end
local fields = redis.call('HMGET', KEYS[1], 'text', 'origin')
return {version, fields[1], fields[2]}
)lua";

}  // namespace

RedisSharedPolicy::RedisSharedPolicy(redis::ClusterClient& client, Persistence& persistence)
    : client_(client), persistence_(persistence), publish_(kPublish), newer_than_(kNewerThan) {}

absl::StatusOr<int64_t> RedisSharedPolicy::Publish(absl::string_view text,
                                                   absl::string_view origin) {
  absl::StatusOr<redis::Reply> published =
      client_.Run(publish_.Call({kKey}, {std::string(text), std::string(origin)}));
  if (!published.ok()) return published.status();
  if (absl::Status error = published->ErrorStatus("publishing the policy"); !error.ok()) {
    return error;
  }
  // On a replica before it is acknowledged, as an opt-out is (RedisPersistence
  // answers at once, on this thread).
  absl::Status durable = absl::UnknownError("the policy's replicas did not answer");
  persistence_.WhenDurable(persistence_.Mark(), Urgency::kAlways,
                           [&](absl::Status status) { durable = std::move(status); });
  if (!durable.ok()) return durable;
  return published->integer;
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
