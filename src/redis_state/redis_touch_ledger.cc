#include "redis_state/redis_touch_ledger.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "redis_state/ledger_script.h"
#include "redis_state/ledger_value.h"
#include "redis_state/redis_format.h"

namespace tact {
namespace {

// KEYS[1]: the entry's bucket; ARGV[1]: its field, ARGV[2]: the outcome's
// bit (a power of two). The outcomes are the value's bytes 7 and 8 (uint16,
// little-endian: see redis_state/ledger_value.h). Returns the entry as it
// was, or nil.
constexpr char kMarkOutcome[] = R"lua(
local entry = redis.call('HGET', KEYS[1], ARGV[1])
if not entry then return false end
local low, high = string.byte(entry, 7, 8)
local outcomes = low + 256 * high
local marked = bit.bor(outcomes, tonumber(ARGV[2]))
if marked ~= outcomes then
  redis.call('HSET', KEYS[1], ARGV[1], string.sub(entry, 1, 6) ..
    string.char(marked % 256, math.floor(marked / 256)) .. string.sub(entry, 9))
end
return entry
)lua";

// KEYS[1]: the entry's bucket; ARGV: its field, value and keep_ms.
const std::string& AddSource() {
  static const std::string* const source = new std::string(absl::StrCat(
      kAddLedgerEntryLua, "add_ledger_entry(KEYS[1], ARGV[1], ARGV[2], ARGV[3])\nreturn 1\n"));
  return *source;
}

}  // namespace

RedisTouchLedger::RedisTouchLedger(redis::ClusterClient& client)
    : client_(client), mark_outcome_(kMarkOutcome), add_(AddSource()) {}

absl::Duration RedisTouchLedger::Lifetime(Minute sent, Minute oldest_kept) {
  if (oldest_kept == kNever) return absl::InfiniteDuration();
  return absl::Minutes(std::max<int64_t>(1, int64_t{sent} - oldest_kept));
}

absl::Status RedisTouchLedger::Add(uint64_t id, LedgerEntry entry, Minute oldest_kept) {
  absl::StatusOr<redis::Reply> reply =
      client_.Run(add_.Call({redis_format::LedgerKey(id)},
                            {redis_format::LedgerField(id), EncodeLedgerValue(entry),
                             absl::StrCat(LedgerKeepMs(Lifetime(entry.minute, oldest_kept)))}));
  if (!reply.ok()) return reply.status();
  return reply->ErrorStatus("adding a sent touch");
}

namespace {

absl::StatusOr<std::optional<LedgerEntry>> Decoded(const absl::StatusOr<redis::Reply>& reply,
                                                   uint64_t id) {
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("reading a sent touch"); !error.ok()) return error;
  if (reply->is_nil()) return std::nullopt;
  absl::StatusOr<LedgerEntry> entry = DecodeLedgerValue(reply->text);
  if (!entry.ok()) {
    return absl::DataLossError(absl::StrCat("redis: the sent touch ", FormatTouchId(id),
                                            " does not decode: ", entry.status().message()));
  }
  return *std::move(entry);
}

}  // namespace

absl::StatusOr<std::optional<LedgerEntry>> RedisTouchLedger::Find(uint64_t id) const {
  const std::string key = redis_format::LedgerKey(id);
  return Decoded(client_.Run({key, {"HGET", key, redis_format::LedgerField(id)}}), id);
}

absl::StatusOr<std::optional<LedgerEntry>> RedisTouchLedger::MarkOutcome(uint64_t id,
                                                                         EventType type) {
  return Decoded(client_.Run(mark_outcome_.Call(
                     {redis_format::LedgerKey(id)},
                     {redis_format::LedgerField(id), absl::StrCat(1 << static_cast<int>(type))})),
                 id);
}

}  // namespace tact
