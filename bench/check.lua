-- wrk script: POST /v1/verifications/{id}/checks with code 000000, round-robin over pre-created ids.
-- Usage: wrk -s bench/check.lua <verifier-url> -- <api-key> <ids-file (one id per line)>
-- A wrong code, a locked and an already-closed verification all answer 200 and all run the full atomic
-- Redis Lua check; 404 (unknown/expired id) and anything else are counted as failures in done().

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
  ids = {}
  for line in io.lines(args[2]) do
    if #line > 0 then table.insert(ids, line) end
  end
  if #ids == 0 then error("no verification ids in " .. tostring(args[2])) end
  idx = (tid * 997) % #ids
  statuses = {}
  ok200 = 0
end

function request()
  idx = idx % #ids + 1
  return wrk.format("POST", "/v1/verifications/" .. ids[idx] .. "/checks", headers, '{"code":"000000"}')
end

function response(status, hdrs, body)
  if status == 200 then
    ok200 = ok200 + 1
  else
    statuses[status] = (statuses[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local ok, bad, detail = 0, 0, {}
  for _, t in ipairs(threads) do
    ok = ok + t:get("ok200")
    for status, n in pairs(t:get("statuses")) do
      detail[status] = (detail[status] or 0) + n
      bad = bad + n
    end
  end
  io.write(string.format("BENCH ok_200=%d non_200=%d\n", ok, bad))
  for status, n in pairs(detail) do
    io.write(string.format("BENCH status %s: %d\n", tostring(status), n))
  end
end
