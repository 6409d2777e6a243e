-- wrk script: POST /v1/verifications with a different valid US number on every request.
-- Usage: wrk -s bench/dispatch.lua <url> -- <api-key> [ids-file|-] [first-number] [max-requests-per-thread]
--   ids-file      with one (use -t1), the id of every accepted verification is appended to it, one per line
--   first-number  index of the first number (default 0): phases that must not reuse each other's numbers
--                 (a new verification for a number replaces the pending one) start apart
--   max-requests-per-thread  each thread stops after this many requests (default: run for wrk's -d)
-- Number i (taken mod 10,000,000) is +1 <area> <exchange> <line>: line = i mod 10,000, exchange the (i / 10,000 mod
-- 100)-th of 220-320 without 311, area = AREAS[i / 1,000,000 + 1]: ten million numbers, all valid per libphonenumber;
-- threads start NUMBERS_PER_THREAD (500,000) apart, or max-requests-per-thread apart. bench/benchmark.sh moves each
-- phase's first number on by NUMBERS_PER_THREAD per thread: with two threads, ten phases before the numbers come round
-- again (more than any one start of the system runs).
-- Only 202 counts as success; done() prints every other status seen, summed over all threads.

local AREAS = { 415, 650, 212, 312, 617, 206, 303, 512, 404, 702 }
local NUMBERS_PER_THREAD = 500000
local threads = {}
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local key = args[1] or "local-demo-key"
  headers = {
    ["Authorization"] = "Bearer " .. key,
    ["Content-Type"] = "application/json",
  }
  ids_out = (args[2] and args[2] ~= "-") and io.open(args[2], "a") or nil
  local first = tonumber(args[3] or "0")
  local max = tonumber(args[4] or "0")
  if max > 0 then
    budget = max
    counter = first + tid * max
  else
    budget = -1
    counter = first + tid * NUMBERS_PER_THREAD
  end
  statuses = {}   -- status -> count, for everything but 202
  accepted = 0
end

function request()
  if budget == 0 then
    wrk.thread:stop()
  end
  budget = budget - 1
  local i = counter % 10000000
  counter = counter + 1
  local k = math.floor(i / 10000) % 100
  local exchange = 220 + k + (k >= 91 and 1 or 0)   -- 220-320, skipping 311 (N11 codes are not exchanges)
  local body = string.format('{"phoneNumber":"+1%d%d%04d"}', AREAS[math.floor(i / 1000000) + 1], exchange, i % 10000)
  return wrk.format("POST", "/v1/verifications", headers, body)
end

function response(status, hdrs, body)
  if status == 202 then
    accepted = accepted + 1
    if ids_out then
      local id = body:match('"id":"([^"]+)"')
      if id then ids_out:write(id, "\n"); ids_out:flush() end
    end
  else
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local ok, bad, detail = 0, 0, {}
  for _, t in ipairs(threads) do
    ok = ok + t:get("accepted")
    for status, n in pairs(t:get("statuses")) do
      detail[status] = (detail[status] or 0) + n
      bad = bad + n
    end
  end
  io.write(string.format("BENCH accepted_202=%d non_202=%d\n", ok, bad))
  for status, n in pairs(detail) do
    io.write(string.format("BENCH status %s: %d\n", tostring(status), n))
  end
end
