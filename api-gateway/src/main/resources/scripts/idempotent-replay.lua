--[[
The verification an Idempotency-Key named before, read as create-verification.lua replays it: for a retry that a
rule would refuse now (a rate limit spent by the requests since, a changed destination policy), so that it still
gets the answer of the request it repeats.

KEYS[1] {otp}:idem:<app>:<key>
ARGV[1] prefix of verification keys ('{otp}:v:')

Returns {id, phone, expiresAt}, or {} when the key names no verification that is still kept.
]]
local existing = redis.call('GET', KEYS[1])
if not existing then
  return {}
end
local found = redis.call('HMGET', ARGV[1] .. existing, 'phone', 'expiresAt')
if found[1] and found[2] then
  return {existing, found[1], found[2]}
end
return {}
