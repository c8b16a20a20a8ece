-- Shared by the wrk scripts: prints one summary line a script can parse.
--   RESULT <name> <requests/s> <p50 ms> <p99 ms> <non-2xx> <socket errors>
local M = {}

function M.report(name)
  return function(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
                   summary.errors.timeout
    io.write(string.format("RESULT %s %.0f %.3f %.3f %d %d\n", name, summary.requests / seconds,
                           latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                           summary.errors.status, errors))
  end
end

-- A touch for a random one of `people` people, at a fixed weekday 15:00 UTC
-- (inside working hours for most of the default policy's zones).
function M.touch(people)
  return string.format(
    '{"person_id":"p-%d","channel":"email","kind":"promotional","campaign":"bench","at":"2030-03-05T15:00:00Z"}',
    math.random(people))
end

return M
