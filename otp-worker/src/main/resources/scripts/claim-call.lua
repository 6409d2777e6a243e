-- Claims the one call of a verification, atomically, and stores the hash of the code it will read.
--
-- Redis runs a script without interleaving other commands, so two workers that receive the same request
-- (a redelivery, a rebalance) cannot both see "no claim": exactly one gets 'claimed', the other one
-- 'in_progress' or 'already_placed'. A request published directly by a producer app (no gateway) creates
-- its verification here.
--
-- KEYS[1] verification hash   KEYS[2] newest-verification pointer of (app, number)
-- ARGV[1] verification id  ARGV[2] app  ARGV[3] phone  ARGV[4] locale ('' for none)
-- ARGV[5] createdAt ms  ARGV[6] expiresAt ms  ARGV[7] record TTL ms  ARGV[8] code hash
-- ARGV[9] now ms  ARGV[10] claim stale after ms
local now = tonumber(ARGV[9])
if redis.call('EXISTS', KEYS[1]) == 0 then
  if now >= tonumber(ARGV[6]) then return {'expired'} end
  redis.call('HSET', KEYS[1], 'app', ARGV[2], 'phone', ARGV[3], 'status', 'pending',
    'createdAt', ARGV[5], 'expiresAt', ARGV[6], 'failedAttempts', '0')
  if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'locale', ARGV[4]) end
  redis.call('PEXPIRE', KEYS[1], ARGV[7])
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[7])
end
local v = redis.call('HMGET', KEYS[1], 'app', 'status', 'expiresAt', 'callState', 'callClaimedAt')
if v[1] ~= ARGV[2] then return {'foreign'} end
if v[2] ~= 'pending' then return {'not_pending'} end
if now >= tonumber(v[3]) then return {'expired'} end
local state = v[4]
if state == 'placed' or state == 'refused' or state == 'unknown' then return {'already_placed'} end
if state == 'claimed' then
  if now - tonumber(v[5]) < tonumber(ARGV[10]) then return {'in_progress'} end
  -- the claimant died between claiming and recording the outcome: Plivo may or may not have the call,
  -- and a second call is worse than none, so the verification fails and the producer may ask again
  redis.call('HSET', KEYS[1], 'callState', 'unknown', 'status', 'failed', 'failureReason', 'call_outcome_unknown')
  return {'stale'}
end
redis.call('HSET', KEYS[1], 'callState', 'claimed', 'callClaimedAt', ARGV[9], 'codeHash', ARGV[8])
return {'claimed'}
