// The Lua that files a ledger entry in its bucket (redis_state/redis_format.h
// "{T}L:<bucket>"), shared by the scripts that write entries: the history's
// compare-and-set and the ledger's own Add. A bucket expires when the last
// of its entries may be forgotten: each entry moves the expiry later, never
// earlier, and an entry kept for good keeps the bucket for good.
#pragma once

#include <algorithm>
#include <cstdint>

#include "absl/time/time.h"

namespace tact {

// A ledger entry's keep_ms for the scripts: 0 for an entry kept for good
// (InfiniteDuration), else at least a millisecond.
inline int64_t LedgerKeepMs(absl::Duration keep) {
  return keep == absl::InfiniteDuration() ? 0
                                          : std::max<int64_t>(1, absl::ToInt64Milliseconds(keep));
}

// Defines add_ledger_entry(key, field, value, keep_ms), keep_ms "0" for an
// entry kept for good.
inline constexpr char kAddLedgerEntryLua[] = R"lua(
local function add_ledger_entry(key, field, value, keep_ms)
  local ttl = redis.call('PTTL', key)
  redis.call('HSET', key, field, value)
  local keep = tonumber(keep_ms)
  if keep == 0 then
    if ttl >= 0 then redis.call('PERSIST', key) end
  elseif ttl == -2 or (ttl >= 0 and ttl < keep) then
    redis.call('PEXPIRE', key, keep)
  end
end
)lua";

}  // namespace tact
