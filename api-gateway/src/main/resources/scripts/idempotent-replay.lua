--[[
The verification an Idempotency-Key named before, read as create-verification.lua replays it (idempotency-keys.lua):
for a retry that a rule would refuse now (a rate limit spent by the requests since, a changed destination policy), so
that it still gets the answer of the request it repeats.

KEYS[1] {otp}:idem:<app>:<key>
ARGV[1] prefix of verification keys ('{otp}:v:')

Returns {id, phone, expiresAt}, or {} when the key names no verification that is still kept.
]]
return idempotentReplay(KEYS[1], ARGV[1]) or {}
