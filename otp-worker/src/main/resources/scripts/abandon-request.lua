-- Fails a verification whose request could not be processed (retries exhausted, dead-lettered), but only
-- when no call can exist for it: never after a placement, and never under a live claim (the claimant
-- settles that one, or the claim goes stale).
--
-- KEYS[1] verification hash   ARGV[1] failure reason
local v = redis.call('HMGET', KEYS[1], 'status', 'callState')
if v[1] ~= 'pending' then return 0 end
if v[2] and v[2] ~= 'released' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'failed', 'failureReason', ARGV[1])
redis.call('HDEL', KEYS[1], 'codeHash')
return 1
