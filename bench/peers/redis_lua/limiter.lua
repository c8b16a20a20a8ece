-- The do-it-yourself contact cap: sliding windows in Redis sorted sets, one
-- set per person and scope (all channels, the channel, the sender), scores in
-- milliseconds. Checks every limit of every scope first and records the touch
-- in all of them only when all allow it, atomically (a script runs alone).
--
-- KEYS:     the scope sets of this person, e.g. {p-0000042}:all, {p-0000042}:ch:email,
--           {p-0000042}:s:s017@example.com
-- ARGV[1]:  now, ms
-- ARGV[2]:  a member unique to this touch
-- ARGV[3..] for each key, in order: the longest window (ms, what the set keeps),
--           the number of limits L, then L pairs of window (ms) and max.
-- Returns 1 when the touch may be sent (and records it), 0 when a limit is full.
local now = tonumber(ARGV[1])
local arg = 3
local keep = {}
for i, key in ipairs(KEYS) do
  local longest = tonumber(ARGV[arg])
  local limits = tonumber(ARGV[arg + 1])
  arg = arg + 2
  -- Touches at least `longest` old no longer count: a window holds those
  -- less than its length apart from now.
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - longest)
  for _ = 1, limits do
    local window = tonumber(ARGV[arg])
    local max = tonumber(ARGV[arg + 1])
    arg = arg + 2
    local count
    if window == longest then
      count = redis.call('ZCARD', key)
    else
      count = redis.call('ZCOUNT', key, '(' .. (now - window), '+inf')
    end
    if count >= max then return 0 end
  end
  keep[i] = longest
end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2])
  redis.call('PEXPIRE', key, keep[i])
end
return 1
