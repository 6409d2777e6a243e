--[[
Cancels a pending verification for the app that owns it.

Atomic because Redis runs a script without interleaving other commands: a check that approves the code and a
cancel cannot both win; whichever runs first decides, and the other sees a finished verification. "now" comes
from the caller's clock, so a pending verification past its expiry counts as finished (expired), as reads show it.

KEYS[1] {otp}:v:<id>   KEYS[2] {otp}:expiries
ARGV[1] id   ARGV[2] app asking   ARGV[3] now (epoch ms)   ARGV[4] reason (canceled_by_app)

Returns {'not_found'} for an unknown id or another app's (indistinguishable to the caller),
{'finished', status} when it is no longer pending, or {'canceled', field, value, ...} with the whole hash.
]]
local f = redis.call('HMGET', KEYS[1], 'app', 'status', 'expiresAt')
if not f[1] or f[1] ~= ARGV[2] or not f[2] then
  return {'not_found'}
end
if f[2] ~= 'pending' then
  return {'finished', f[2]}
end
if not f[3] or tonumber(ARGV[3]) >= tonumber(f[3]) then
  return {'finished', 'expired'}
end
redis.call('HSET', KEYS[1], 'status', 'canceled', 'canceledAt', ARGV[3], 'failureReason', ARGV[4])
redis.call('ZREM', KEYS[2], ARGV[1])
local reply = redis.call('HGETALL', KEYS[1])
table.insert(reply, 1, 'canceled')
return reply
