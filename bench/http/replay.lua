-- Replays request bodies from a file, one per line, in order: the peer
-- benchmark's workload as `tact_workload bodies` wrote it.
-- Environment: BODIES (the file), BATCH (touches per body; 1 posts to
-- /v1/decide, more to /v1/decide/batch), NAME (for the RESULT line).
--   RESULT <name> <decisions/s> <p50 ms> <p99 ms> <non-2xx> <socket errors> <requests> <used up>
-- wrk runs for its whole -d. Should the file be used up first, the rest of
-- the run asks GET /healthz instead and the last field says "exhausted": the
-- rate and latencies are then not the decisions' own, and bench/run runs the
-- leg again with a shorter -d.
-- ROUTE, when set, is where the bodies go instead ("/v1/check"), or
-- "/healthz": every request a GET /healthz, for the server's cost of a
-- request that decides nothing.
local batch = tonumber(os.getenv("BATCH") or "1")
local route = os.getenv("ROUTE")
if route == "" then route = nil end
wrk.method = "POST"
wrk.path = route or (batch == 1 and "/v1/decide" or "/v1/decide/batch")
wrk.headers["Content-Type"] = "application/json"

local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

local bodies
init = function(args)
  bodies = assert(io.open(os.getenv("BODIES"), "r"))
  exhausted = false
end

request = function()
  if route == "/healthz" then return wrk.format("GET", "/healthz", {}, nil) end
  local body = not exhausted and bodies:read("*l") or nil
  if body == nil then
    exhausted = true
    return wrk.format("GET", "/healthz", {}, nil)
  end
  if route == "/v1/check" then
    -- Each touch its own send (a key), so that each is decided, not
    -- answered again as a repeat of the person's last one.
    sent = (sent or 0) + 1
    body = body:sub(1, -2) .. ',"key":"b' .. sent .. '"}'
  end
  return wrk.format(nil, nil, nil, body)
end

done = function(summary, latency, requests)
  local used_up = "complete"
  for _, thread in ipairs(threads) do
    if thread:get("exhausted") then used_up = "exhausted" end
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.timeout
  io.write(string.format("RESULT %s %.0f %.3f %.3f %d %d %d %s\n", os.getenv("NAME") or "replay",
                         summary.requests * batch / seconds, latency:percentile(50) / 1000,
                         latency:percentile(99) / 1000, summary.errors.status, errors,
                         summary.requests, used_up))
end
