--[[
A script library (LuaScript.load with it as a library): what an Idempotency-Key replays, read the one way both the
create script (a retry that reaches it) and idempotent-replay.lua (a retry a rule refused first) read it.
]]
-- the verification {id, phone, expiresAt} the key {otp}:idem:<app>:<key> names, while it is kept; nil otherwise
local function idempotentReplay(key, verificationPrefix)
  local existing = redis.call('GET', key)
  if not existing then
    return nil
  end
  local found = redis.call('HMGET', verificationPrefix .. existing, 'phone', 'expiresAt')
  if found[1] and found[2] then
    return {existing, found[1], found[2]}
  end
  return nil
end
