-- 1,000 touches per request (random people of 1M); 32 bodies made up front.
package.path = "bench/http/?.lua;" .. package.path
local common = require("common")
wrk.method = "POST"
-- DECIDE_QUERY (e.g. "?explain=false") is added to the path.
wrk.path = "/v1/decide/batch" .. (os.getenv("DECIDE_QUERY") or "")
wrk.headers["Content-Type"] = "application/json"
local bodies = {}
init = function(args)
  for b = 1, 32 do
    local touches = {}
    for i = 1, 1000 do touches[i] = common.touch(1000000) end
    bodies[b] = '{"touches":[' .. table.concat(touches, ",") .. ']}'
  end
end
request = function()
  return wrk.format(nil, nil, nil, bodies[math.random(#bodies)])
end
done = common.report("batch1000")
