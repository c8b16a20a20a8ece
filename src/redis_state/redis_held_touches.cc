#include "redis_state/redis_held_touches.h"

#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "store/held_touch_codec.h"

namespace tact {
namespace {

constexpr char kValues[] = "{tact:h}v";
constexpr char kDue[] = "{tact:h}d";
constexpr char kFinished[] = "{tact:h}f";
constexpr char kByHeldAt[] = "{tact:h}t";
constexpr char kCounts[] = "{tact:h}n";
constexpr char kLeasePrefix[] = "{tact:h}l:";

// The state of an encoded held touch is its 10th byte (after the version
// and the 8 bytes of its id; store/held_touch_codec.h).
//
// KEYS: values, due, finished, by held_at, counts. ARGV: id, bytes, state,
// active ("1"/"0"), due ms, changed_at ms, held_at ms, its lease's key, "1"
// to drop the lease. A finished one made active again (a retry by hand)
// drops its old lease too.
constexpr char kPut[] = R"lua(
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then
  local state = string.byte(old, 10)
  redis.call('HINCRBY', KEYS[5], tostring(state), -1)
  if state >= 2 and ARGV[4] == '1' then redis.call('DEL', ARGV[8]) end
end
if ARGV[9] == '1' then redis.call('DEL', ARGV[8]) end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[5], ARGV[3], 1)
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
else
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZADD', KEYS[3], ARGV[6], ARGV[1])
end
redis.call('ZADD', KEYS[4], ARGV[7], ARGV[1])
return 1
)lua";

// KEYS: values, due. ARGV: now ms, limit, lease ms, the leases' prefix.
// The due ones no other node leases, leased to the caller, earliest first.
constexpr char kDueScript[] = R"lua(
local found = {}
local offset = 0
while #found < tonumber(ARGV[2]) do
  local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', offset, 200)
  if #ids == 0 then break end
  offset = offset + #ids
  for _, id in ipairs(ids) do
    if #found < tonumber(ARGV[2]) and
       redis.call('SET', ARGV[4] .. id, '1', 'NX', 'PX', ARGV[3]) then
      found[#found + 1] = id
    end
  end
end
if #found == 0 then return {} end
return redis.call('HMGET', KEYS[1], unpack(found))
)lua";

// KEYS: values, finished, by held_at, counts. ARGV: before ms.
// Forgets up to 1,000 finished ones changed before; how many.
constexpr char kForget[] = R"lua(
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, 1000)
for _, id in ipairs(ids) do
  local old = redis.call('HGET', KEYS[1], id)
  if old then redis.call('HINCRBY', KEYS[4], tostring(string.byte(old, 10)), -1) end
  redis.call('HDEL', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
end
return #ids
)lua";

std::string Field(uint64_t id) { return absl::StrCat(absl::Hex(id, absl::kZeroPad16)); }

std::string Millis(absl::Time time) {
  if (time == absl::InfiniteFuture()) return "+inf";
  if (time == absl::InfinitePast()) return "-inf";
  return absl::StrCat(absl::ToUnixMillis(time));
}

absl::StatusOr<HeldTouch> Decode(const redis::Reply& value) {
  absl::StatusOr<HeldTouch> held = DecodeHeldTouch(value.text);
  if (!held.ok()) {
    return absl::DataLossError(absl::StrCat("redis: a held touch in ", kValues,
                                            " does not decode: ", held.status().message()));
  }
  return held;
}

// The held touches among `values` (an HMGET's answer; ids gone meanwhile
// are nil and skipped).
absl::StatusOr<std::vector<HeldTouch>> DecodeAll(const redis::Reply& values) {
  std::vector<HeldTouch> all;
  for (const redis::Reply& value : values.elements) {
    if (value.is_nil()) continue;
    absl::StatusOr<HeldTouch> held = Decode(value);
    if (!held.ok()) return held.status();
    all.push_back(*std::move(held));
  }
  return all;
}

}  // namespace

RedisHeldTouches::RedisHeldTouches(redis::ClusterClient& client, absl::Duration lease)
    : client_(client), lease_(lease), put_(kPut), due_(kDueScript), forget_(kForget) {}

absl::Status RedisHeldTouches::Put(const HeldTouch& held) {
  // A held touch due later than it was changed (a new not_before, a
  // callback's retry) or finished is no longer being released: its lease
  // ends, so that any node takes it when it is due. One due when changed is
  // being released (its callback next) and keeps it.
  const bool drop_lease = !IsActive(held.state) || held.due > held.changed_at;
  absl::StatusOr<redis::Reply> reply = client_.Run(put_.Call(
      {kValues, kDue, kFinished, kByHeldAt, kCounts},
      {Field(held.id), EncodeHeldTouch(held), absl::StrCat(static_cast<int>(held.state)),
       IsActive(held.state) ? "1" : "0", Millis(held.due), Millis(held.changed_at),
       Millis(held.held_at), absl::StrCat(kLeasePrefix, Field(held.id)), drop_lease ? "1" : "0"}));
  if (!reply.ok()) return reply.status();
  return reply->ErrorStatus("keeping a held touch");
}

absl::StatusOr<std::optional<HeldTouch>> RedisHeldTouches::Find(uint64_t id) const {
  absl::StatusOr<redis::Reply> reply = client_.Run({kValues, {"HGET", kValues, Field(id)}});
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("reading a held touch"); !error.ok()) return error;
  if (reply->is_nil()) return std::nullopt;
  absl::StatusOr<HeldTouch> held = Decode(*reply);
  if (!held.ok()) return held.status();
  return *std::move(held);
}

absl::StatusOr<std::vector<HeldTouch>> RedisHeldTouches::Due(absl::Time now, size_t limit) const {
  absl::StatusOr<redis::Reply> reply = client_.Run(
      due_.Call({kValues, kDue}, {Millis(now), absl::StrCat(std::min(limit, kMaxDue)),
                                  absl::StrCat(absl::ToInt64Milliseconds(lease_)), kLeasePrefix}));
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("leasing due held touches"); !error.ok()) {
    return error;
  }
  return DecodeAll(*reply);
}

// Long: pages through the ids newest first, filtering each page.
absl::StatusOr<std::vector<HeldTouch>> RedisHeldTouches::List(const HeldQuery& query) const {
  constexpr int64_t kPage = 500;
  std::vector<HeldTouch> list;
  for (int64_t start = 0; list.size() < query.limit; start += kPage) {
    absl::StatusOr<redis::Reply> ids = client_.Run(
        {kByHeldAt,
         {"ZRANGE", kByHeldAt, absl::StrCat(start), absl::StrCat(start + kPage - 1), "REV"}});
    if (!ids.ok()) return ids.status();
    if (absl::Status error = ids->ErrorStatus("listing held touches"); !error.ok()) return error;
    if (ids->elements.empty()) break;
    std::vector<std::string> words = {"HMGET", kValues};
    for (const redis::Reply& id : ids->elements) words.push_back(id.text);
    absl::StatusOr<redis::Reply> values = client_.Run({kValues, std::move(words)});
    if (!values.ok()) return values.status();
    absl::StatusOr<std::vector<HeldTouch>> page = DecodeAll(*values);
    if (!page.ok()) return page.status();
    for (HeldTouch& held : *page) {
      if (list.size() == query.limit) break;
      if (query.state && held.state != *query.state) continue;
      if (!query.tool.empty() && held.touch.tool != query.tool) continue;
      if (!query.person_id.empty() && held.touch.person_id != query.person_id) continue;
      list.push_back(std::move(held));
    }
  }
  return list;
}

HeldCounts RedisHeldTouches::Counts() const {
  HeldCounts counts{};
  absl::StatusOr<redis::Reply> reply = client_.Run({kCounts, {"HGETALL", kCounts}});
  if (!reply.ok() || !reply->is_array()) return counts;
  for (size_t i = 0; i + 1 < reply->elements.size(); i += 2) {
    int state = 0;
    int64_t count = 0;
    if (absl::SimpleAtoi(reply->elements[i].text, &state) && state >= 0 &&
        state < static_cast<int>(kHeldStateCount) &&
        absl::SimpleAtoi(reply->elements[i + 1].text, &count)) {
      counts[static_cast<size_t>(state)] = count;
    }
  }
  return counts;
}

absl::StatusOr<size_t> RedisHeldTouches::Forget(absl::Time before) {
  size_t forgotten = 0;
  for (;;) {
    absl::StatusOr<redis::Reply> reply =
        client_.Run(forget_.Call({kValues, kFinished, kByHeldAt, kCounts}, {Millis(before)}));
    if (!reply.ok()) return reply.status();
    if (absl::Status error = reply->ErrorStatus("forgetting held touches"); !error.ok()) {
      return error;
    }
    forgotten += static_cast<size_t>(reply->integer);
    if (reply->integer < 1000) return forgotten;
  }
}

}  // namespace tact
