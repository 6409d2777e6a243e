--[[
Takes the verifications whose expiry is due from the pending-expiries set and answers those still pending.

Why this is atomic: ZRANGEBYSCORE, the ZREMs and the status reads run as one step, so when several verifier
instances sweep at once each due id is taken by exactly one of them and reported exactly once. An id whose
verification was approved, locked, failed or canceled before its expiry, or whose hash is gone, is dropped
silently. One whose expiresAt moved later than the score (a longer-lived verification under the same id) goes
back into the set under its new expiry instead of being reported early.

The verification hashes are read by a key built here from ARGV[3] and the id, not declared in KEYS: they share
the {otp} hash tag with KEYS[1], so they sit in its slot, also on Redis Cluster (see check-code.lua).

KEYS[1]  the pending-expiries sorted set ({otp}:expiries), member = verification id, score = expiresAt (epoch ms)
ARGV[1]  now, epoch milliseconds (the caller's clock)
ARGV[2]  at most this many ids per run, so one run never holds Redis for long
ARGV[3]  prefix of the verification hash keys (RedisKeys.verification without the id)

Returns {taken, id, app, expiresAt, country, phone, id, app, ...}: how many ids were taken off the set, then five
strings per verification that expired while pending ('' for an absent country or phone).
]]
local now = tonumber(ARGV[1])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local reply = {tostring(#due)}
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[1], id)
  local fields = redis.call('HMGET', ARGV[3] .. id, 'app', 'status', 'expiresAt', 'country', 'phone')
  local expiresAt = tonumber(fields[3])
  if fields[1] and fields[2] == 'pending' and expiresAt then
    if expiresAt > now then
      redis.call('ZADD', KEYS[1], expiresAt, id)
    else
      table.insert(reply, id)
      table.insert(reply, fields[1])
      table.insert(reply, fields[3])
      table.insert(reply, fields[4] or '')
      table.insert(reply, fields[5] or '')
    end
  end
end
return reply
