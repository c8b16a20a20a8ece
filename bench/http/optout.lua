-- One unsubscribe event per request, each with a new id and person: every
-- answer acknowledges an opt-out, which tact syncs to disk before answering.
package.path = "bench/http/?.lua;" .. package.path
local common = require("common")
wrk.method = "POST"
wrk.path = "/v1/events"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
setup = function(thread)
  thread:set("prefix", tostring(math.random(1, 1e9)))
end
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, string.format(
    '[{"id":"u-%s-%d","type":"unsubscribed","person_id":"o-%s-%d","channel":"email"}]',
    prefix, counter, prefix, counter))
end
done = common.report("optout")
