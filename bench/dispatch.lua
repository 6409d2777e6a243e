-- wrk script: POST /v1/verifications with a different valid US number on every request.
-- Usage: wrk -s bench/dispatch.lua <url> -- <api-key> [ids-file]
-- With an ids-file (use -t1) the id of every accepted verification is appended to it, one per line.
-- Numbers are +14155550000 .. +14155559999 (counter mod 10000, threads start apart), all valid per libphonenumber.
-- Only 202 counts as success; done() prints every other status seen, summed over all threads.

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
  counter = tid * 5000
  statuses = {}   -- status -> count, for everything but 202
  accepted = 0
  ids_out = args[2] and io.open(args[2], "a") or nil
end

function request()
  counter = counter + 1
  local body = string.format('{"phoneNumber":"+1415555%04d"}', counter % 10000)
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
