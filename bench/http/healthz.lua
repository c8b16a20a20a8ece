-- Baseline: the cheapest route (no body, no decision) on the same server.
package.path = "bench/http/?.lua;" .. package.path
local common = require("common")
wrk.method = "GET"
wrk.path = "/healthz"
done = common.report("healthz")
