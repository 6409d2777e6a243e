-- Records what became of a claimed call attempt, only while that attempt is the current one (same call
-- token): a superseded attempt never writes.
--
-- 'placed' may arrive after the call's own callbacks (a fast callee hangs up before the worker hears back
-- from Plivo), so it never moves the call state back, and the attempt is counted once, by whichever of this
-- script and record-call-event sees the token first.
--
-- The events of what it records are written in the same run (lifecycle-events): call_placed when it counts the call,
-- failed when a refusal fails the verification.
--
-- KEYS[1] verification hash   KEYS[2] call schedule (sorted set: verification id by due time, ms)   KEYS[3] event outbox
-- ARGV[1] outcome: placed | refused | retry | ambiguous   ARGV[2] now ms   ARGV[3] call token
-- ARGV[4] Plivo request uuid (placed) or failure reason (refused)
-- ARGV[5] due ms (retry, ambiguous); for placed, when the call is overdue unless a report came (0: not watched,
--   a PHLO run, whose call reports to the PHLO and not to us)   ARGV[6] verification id
-- ARGV[7..9] the events' arguments (lifecycle-events: outbox or not, time, one event id)
-- Returns {outcome, the event written, if any}; outcome is 'ignored', 'placed' (first record of the verification's
-- first call), 'placed_again' (first record of a further call: a redial or a call placed again), 'recorded' or
-- 'failed' (the verification failed now)
local events = lifecycleEvents(KEYS[3], 7)
local v = redis.call('HMGET', KEYS[1], 'callState', 'callToken', 'callPlacedToken', 'status', 'callStage', 'app', 'country')
if v[2] ~= ARGV[3] then return {'ignored'} end
local outcome = ARGV[1]
if outcome == 'placed' then
  redis.call('HSET', KEYS[1], 'callRequestUuid', ARGV[4], 'callUpdatedAt', ARGV[2])
  if v[1] == 'claimed' then redis.call('HSET', KEYS[1], 'callState', 'placed') end
  -- a callback may have come first and recorded a later status: never move it back
  redis.call('HSETNX', KEYS[1], 'callStatus', 'queued')
  redis.call('HSETNX', KEYS[1], 'callStage', '0')
  -- watched on the call schedule until its end is reported (record-call-event drops the entry then). Still
  -- 'claimed', no callback came first: the entry is the claim's own (claim-call), replaced by the watch, or dropped
  -- for a call not watched. Otherwise an entry due earlier (a redial a fast callback already scheduled) stays as it is
  local watched = tonumber(ARGV[5]) > 0 and tonumber(v[5] or '0') < 3
  if watched and v[1] == 'claimed' then
    redis.call('ZADD', KEYS[2], ARGV[5], ARGV[6])
  elseif watched then
    redis.call('ZADD', KEYS[2], 'LT', ARGV[5], ARGV[6])
  elseif v[1] == 'claimed' then
    redis.call('ZREM', KEYS[2], ARGV[6])
  end
  if v[3] == ARGV[3] then return {'recorded'} end
  local attempts = redis.call('HINCRBY', KEYS[1], 'callAttempts', 1)
  redis.call('HSET', KEYS[1], 'callPlacedToken', ARGV[3])
  events.add('call_placed', ARGV[6], v[6], v[7], 'queued')
  if attempts > 1 then return events.after({'placed_again'}) end
  return events.after({'placed'})
end
if v[1] ~= 'claimed' then return {'ignored'} end
if outcome == 'refused' then
  redis.call('HSET', KEYS[1], 'callState', 'refused', 'callStatus', 'failed', 'callUpdatedAt', ARGV[2],
    'failureReason', ARGV[4])
  redis.call('HDEL', KEYS[1], 'codeHash')
  redis.call('ZREM', KEYS[2], ARGV[6])
  if v[4] ~= 'pending' then return {'recorded'} end
  redis.call('HSET', KEYS[1], 'status', 'failed')
  events.add('failed', ARGV[6], v[6], v[7], nil, nil, ARGV[4])
  return events.after({'failed'})
end
-- retry: no call exists; the schedule claims again when due, with a new code.
-- ambiguous: a call may exist and may read this code, so the code hash and the token stay valid.
local state = 'retry'
if outcome == 'ambiguous' then state = 'ambiguous' end
redis.call('HSET', KEYS[1], 'callState', state, 'callRetryAt', ARGV[5], 'callUpdatedAt', ARGV[2])
if outcome == 'retry' then redis.call('HINCRBY', KEYS[1], 'callRetries', 1) end
if outcome ~= 'ambiguous' then redis.call('HDEL', KEYS[1], 'codeHash') end
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[6])
return {'recorded'}
