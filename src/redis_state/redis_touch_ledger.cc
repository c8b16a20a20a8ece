#include "redis_state/redis_touch_ledger.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "redis_state/redis_format.h"
#include "store/ledger_codec.h"

namespace tact {
namespace {

// KEYS[1]: the entry; ARGV[1]: the outcome's bit (a power of two). The
// outcomes are the entry's bytes 7 and 8 (uint16, little-endian: see
// store/ledger_codec.h). Returns the entry as it was, or nil.
constexpr char kMarkOutcome[] = R"lua(
local entry = redis.call('GET', KEYS[1])
if not entry then return false end
local low, high = string.byte(entry, 7, 8)
local outcomes = low + 256 * high
local marked = bit.bor(outcomes, tonumber(ARGV[1]))
if marked ~= outcomes then
  redis.call('SETRANGE', KEYS[1], 6, string.char(marked % 256, math.floor(marked / 256)))
end
return entry
)lua";

}  // namespace

RedisTouchLedger::RedisTouchLedger(redis::ClusterClient& client)
    : client_(client), mark_outcome_(kMarkOutcome) {}

absl::Duration RedisTouchLedger::Lifetime(Minute sent, Minute oldest_kept) {
  if (oldest_kept == kNever) return absl::InfiniteDuration();
  return absl::Minutes(std::max<int64_t>(1, int64_t{sent} - oldest_kept));
}

absl::Status RedisTouchLedger::Add(uint64_t id, LedgerEntry entry, Minute oldest_kept) {
  const std::string key = redis_format::LedgerKey(id);
  std::vector<std::string> words = {"SET", key, EncodeLedgerEntry(entry)};
  const absl::Duration lifetime = Lifetime(entry.minute, oldest_kept);
  if (lifetime != absl::InfiniteDuration()) {
    words.insert(words.end(), {"PX", absl::StrCat(absl::ToInt64Milliseconds(lifetime))});
  }
  absl::StatusOr<redis::Reply> reply = client_.Run({key, std::move(words)});
  if (!reply.ok()) return reply.status();
  return reply->ErrorStatus("adding a sent touch");
}

namespace {

absl::StatusOr<std::optional<LedgerEntry>> Decoded(const absl::StatusOr<redis::Reply>& reply,
                                                   uint64_t id) {
  if (!reply.ok()) return reply.status();
  if (absl::Status error = reply->ErrorStatus("reading a sent touch"); !error.ok()) return error;
  if (reply->is_nil()) return std::nullopt;
  absl::StatusOr<LedgerEntry> entry = DecodeLedgerEntry(reply->text);
  if (!entry.ok()) {
    return absl::DataLossError(absl::StrCat("redis: the sent touch ", FormatTouchId(id),
                                            " does not decode: ", entry.status().message()));
  }
  return *std::move(entry);
}

}  // namespace

absl::StatusOr<std::optional<LedgerEntry>> RedisTouchLedger::Find(uint64_t id) const {
  const std::string key = redis_format::LedgerKey(id);
  return Decoded(client_.Run({key, {"GET", key}}), id);
}

absl::StatusOr<std::optional<LedgerEntry>> RedisTouchLedger::MarkOutcome(uint64_t id,
                                                                         EventType type) {
  const std::string key = redis_format::LedgerKey(id);
  return Decoded(
      client_.Run(mark_outcome_.Call({key}, {absl::StrCat(1 << static_cast<int>(type))})), id);
}

}  // namespace tact
