-- wrk script: runs another wrk script at a fixed request rate instead of as fast as possible (wrk2 is not
-- available here). Usage:
--   BENCH_SCRIPT=bench/check.lua BENCH_RATE=1200 BENCH_THREADS=2 wrk -t2 -c64 -d20s --latency -s bench/paced.lua <url> -- <args of the script>
-- Each thread sends BENCH_RATE / BENCH_THREADS requests per second on a fixed schedule: before each request,
-- wrk's delay() waits until the request's slot. Connections that are still waiting for an answer do not send,
-- so the schedule holds only while the server keeps up; a thread that is behind its schedule starts it again
-- from now instead of sending the missed requests in a burst (which would measure the burst, not the rate).
-- Latency is measured from the moment a request is written (wrk's own rule), so time a request spent waiting
-- for its slot is not counted; the achieved rate is wrk's Requests/sec.

local inner = os.getenv("BENCH_SCRIPT") or error("BENCH_SCRIPT is not set")
dofile(inner)

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *tp);
]]
local CLOCK_MONOTONIC = 1
local now_ts = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_ts)
  return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("BENCH_RATE") or error("BENCH_RATE is not set"))
local per_thread = rate / tonumber(os.getenv("BENCH_THREADS") or "2")
local interval_ms = 1000 / per_thread
local next_slot = nil

function delay()
  local now = now_ms()
  if next_slot == nil or next_slot < now then
    next_slot = now
  end
  local wait = next_slot - now
  next_slot = next_slot + interval_ms
  return math.floor(wait + 0.5)
end
