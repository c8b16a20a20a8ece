-- One decision per request, keep-alive, a random person of 1M each time.
package.path = "bench/http/?.lua;" .. package.path
local common = require("common")
wrk.method = "POST"
-- DECIDE_QUERY (e.g. "?explain=false") is added to the path.
wrk.path = "/v1/decide" .. (os.getenv("DECIDE_QUERY") or "")
wrk.headers["Content-Type"] = "application/json"
request = function()
  return wrk.format(nil, nil, nil, common.touch(1000000))
end
done = common.report("decide")
