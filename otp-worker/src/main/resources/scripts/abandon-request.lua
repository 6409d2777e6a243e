-- Fails a verification whose request could not be processed (retries exhausted, dead-lettered), but only
-- when no call can exist for it: never after a placement, never under a live claim (the claimant settles
-- that one, or the claim goes stale), never while a timed-out request may still turn out to be a call.
--
-- The record comes from a topic anyone may publish to: it fails only a verification of its own producer app.
--
-- KEYS[1] verification hash   KEYS[2] call schedule   ARGV[1] failure reason   ARGV[2] verification id   ARGV[3] app
local v = redis.call('HMGET', KEYS[1], 'status', 'callState', 'app')
if v[1] ~= 'pending' or v[3] ~= ARGV[3] then return 0 end
if v[2] and v[2] ~= 'released' and v[2] ~= 'retry' then return 0 end
redis.call('HSET', KEYS[1], 'status', 'failed', 'failureReason', ARGV[1])
redis.call('HDEL', KEYS[1], 'codeHash')
redis.call('ZREM', KEYS[2], ARGV[2])
return 1
