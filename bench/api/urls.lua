-- wrk 4.1 script for the read-API load benchmark (bench/api/run-api-bench.sh).
--
--   wrk -t2 -c32 -d30s -s bench/api/urls.lua http://127.0.0.1:PORT -- PATHS_FILE NTHREADS [hook|summary]
--
-- PATHS_FILE holds one URL path per line ("/services?need=…&municipality=…"), already
-- percent-encoded; blank lines and lines starting with '#' are skipped. Each wrk thread cycles
-- through the whole list. Thread k starts at k/NTHREADS of the list, so that the threads do not
-- send the same URL at the same moment (that would flatter any cache in the app).
--
-- The requests are built once in init(): wrk's SCRIPTING notes that building a request on every
-- call is expensive, and wrk shares the CPU with the app under test.
--
-- Status check: with "hook" (the default) response() counts every answer that is not 2xx.
-- wrk's own counter (summary.errors.status) only counts codes > 399, so a 3xx (a redirect to a
-- login page, say) would pass unnoticed. The price is that wrk hands every header and body to Lua;
-- "summary" drops the hook and falls back to wrk's > 399 count.
--
-- done() prints one machine-readable line that bench/api/api_bench.py parses:
--   RESULT {"requests":…,"rps":…,"p50_ms":…,"p90_ms":…,"p99_ms":…,"max_ms":…,"errors":…,"non2xx":…, …}
-- "errors" are socket errors and timeouts (connect + read + write + timeout); timed-out requests
-- are not in the latency figures, so they must be read together with them.

local threads = {}
local counter = 0

-- setup() runs in wrk's main Lua state, once per thread, before the threads start.
function setup(thread)
   thread:set("id", counter)
   table.insert(threads, thread)
   counter = counter + 1
end

-- init() runs inside each thread's own Lua state.
function init(args)
   local file = args[1]
   if not file then
      error("urls.lua: usage: -- PATHS_FILE [NTHREADS] [hook|summary]")
   end
   local nthreads = tonumber(args[2]) or 1
   local mode = args[3] or "hook"

   wrk.headers["Accept"] = "application/json"
   reqs = {}
   local f = assert(io.open(file, "r"))
   for line in f:lines() do
      line = line:gsub("%s+$", "")
      if line ~= "" and line:sub(1, 1) ~= "#" then
         reqs[#reqs + 1] = wrk.format("GET", line)
      end
   end
   f:close()
   if #reqs == 0 then
      error("urls.lua: no paths in " .. file)
   end

   -- 0-based position of the last request sent; request() advances it before use.
   pos = math.floor((id or 0) * #reqs / nthreads) - 1
   non2xx = 0
   status_mode = mode   -- read back by done() through thread:get()
   if mode == "summary" then
      response = nil   -- wrk then skips header/body parsing altogether
   end
end

function request()
   pos = (pos + 1) % #reqs
   return reqs[pos + 1]
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   local mode = "hook"
   local non = 0
   for _, t in ipairs(threads) do
      if t:get("status_mode") == "summary" then
         mode = "summary"
      end
      non = non + (t:get("non2xx") or 0)
   end
   -- Without the hook, the best wrk knows is "status > 399".
   if mode == "summary" then
      non = e.status
   end
   local secs = summary.duration / 1e6
   local ms = function(us) return us / 1000.0 end
   io.write(string.format(
      'RESULT {"requests":%.0f,"duration_s":%.3f,"rps":%.2f,"bytes":%.0f,' ..
      '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"max_ms":%.3f,"min_ms":%.3f,' ..
      '"mean_ms":%.3f,"stdev_ms":%.3f,"errors":%.0f,"connect_errors":%.0f,"read_errors":%.0f,' ..
      '"write_errors":%.0f,"timeouts":%.0f,"status_gt_399":%.0f,"non2xx":%.0f,"status_check":"%s"}\n',
      summary.requests, secs, (secs > 0) and summary.requests / secs or 0, summary.bytes,
      ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
      ms(latency:percentile(99.9)), ms(latency.max), ms(latency.min),
      ms(latency.mean), ms(latency.stdev),
      e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout,
      e.status, non, mode))
end
