-- Claims the next call of a verification, atomically, and stores the hash of the code it will read.
--
-- Redis runs a script without interleaving other commands, so two deliveries of the same request (a
-- redelivery, a rebalance, a due entry of the call schedule) cannot both find the call claimable: exactly one
-- gets 'claimed'. Claimable means: no call attempt yet, or an attempt that is due again (a transient failure
-- to retry, a timed-out request whose call never showed up, a busy or unanswered call to redial). The claim
-- names the attempt's call token; from then on only callbacks carrying that token count (record-call-event).
-- A request published directly by a producer app (no gateway) creates its verification here.
--
-- A claim also stores the attempt's prompt copy (the sealed code the answer webhook reads), so no copy is ever
-- written for an attempt that will not call, and puts the verification on the call schedule, due when the claim is
-- stale: settling the claim replaces or removes that entry, so an attempt whose claimant died before settling it
-- (its request's record may already be acknowledged) is found and failed, never called twice.
--
-- KEYS[1] verification hash   KEYS[2] newest-verification pointer of (app, number)   KEYS[3] the call token's copy
-- KEYS[4] call schedule (sorted set: verification id by due time, ms)
-- ARGV[1] verification id  ARGV[2] app  ARGV[3] phone  ARGV[4] locale ('' for none)  ARGV[5] country
-- ARGV[6] createdAt ms  ARGV[7] expiresAt ms  ARGV[8] record TTL ms  ARGV[9] code hash  ARGV[10] now ms
-- ARGV[11] claim stale after ms  ARGV[12] call token of this attempt  ARGV[13] the copy ('' for none: a PHLO run)
-- ARGV[14] the copy's lifetime ms
-- Returns {result, due ms or previous state, previous call token, retries so far}
local now = tonumber(ARGV[10])
if redis.call('EXISTS', KEYS[1]) == 0 then
  if now >= tonumber(ARGV[7]) then return {'expired'} end
  redis.call('HSET', KEYS[1], 'app', ARGV[2], 'phone', ARGV[3], 'status', 'pending',
    'createdAt', ARGV[6], 'expiresAt', ARGV[7], 'failedAttempts', '0')
  if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'locale', ARGV[4]) end
  redis.call('PEXPIRE', KEYS[1], ARGV[8])
  redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[8])
end
local v = redis.call('HMGET', KEYS[1], 'app', 'status', 'expiresAt', 'callState', 'callClaimedAt', 'callRetryAt',
  'callToken', 'callRetries', 'phone')
-- the number dialled is the record's: it must be the one the verification was created for, or a record naming
-- someone else's verification could have that code read to another phone
if v[1] ~= ARGV[2] or v[9] ~= ARGV[3] then return {'foreign'} end
if v[2] ~= 'pending' then return {'not_pending'} end
if now >= tonumber(v[3]) then return {'expired'} end
local state = v[4]
if state == 'claimed' then
  local staleAt = tonumber(v[5]) + tonumber(ARGV[11])
  if now < staleAt then return {'in_progress', tostring(staleAt)} end
  -- the claimant died between claiming and recording the outcome: Plivo may or may not have the call,
  -- and a second call is worse than none, so the verification fails and the producer may ask again
  redis.call('HSET', KEYS[1], 'callState', 'unknown', 'status', 'failed', 'failureReason', 'call_outcome_unknown')
  redis.call('HDEL', KEYS[1], 'codeHash')
  return {'stale', '', v[7] or ''}
end
if state == 'retry' or state == 'ambiguous' or state == 'redial' then
  if now < tonumber(v[6] or '0') then return {'scheduled', v[6]} end
elseif state and state ~= 'released' then
  return {'already_placed'}
end
-- a new attempt: whatever the previous call reported belongs to that call
redis.call('HDEL', KEYS[1], 'callStatus', 'callStage', 'callUuid', 'callHangupCause', 'callDuration', 'callMachine',
  'callRequestUuid', 'callRetryAt')
redis.call('HSET', KEYS[1], 'callState', 'claimed', 'callClaimedAt', ARGV[10], 'codeHash', ARGV[9], 'callToken', ARGV[12])
redis.call('HSETNX', KEYS[1], 'country', ARGV[5])
if ARGV[13] ~= '' then redis.call('SET', KEYS[3], ARGV[13], 'PX', ARGV[14]) end
redis.call('ZADD', KEYS[4], now + tonumber(ARGV[11]), ARGV[1])
return {'claimed', state or '', v[7] or '', v[8] or '0'}
