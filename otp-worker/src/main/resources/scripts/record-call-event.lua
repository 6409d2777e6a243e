-- Applies one call status report from Plivo. Reports arrive late, twice or out of order (Plivo retries
-- callbacks; the hangup can beat the worker's own "placed" write), and a redial makes the earlier call's
-- reports stale. So a report counts only for the current call (its token), never replaces the same or a
-- later stage, and repeating one changes nothing: only a report that changed something returns
-- changed = 1, and only those become events.
--
-- When the call ends without reading the code (busy, no answer, machine, failed, ...) the same script
-- decides what follows, atomically with the report: a redial (busy or no answer, calls left, due before
-- the expiry) goes onto the call schedule; otherwise a pending verification fails. A report for a call
-- whose request timed out (state 'ambiguous') proves that the call exists: no retry is made.
--
-- The end of a call also decides the code's encrypted copy (the value behind the call token): kept for a redial,
-- which reads the same code again, until a while after it is due; otherwise dropped, leaving the verification id
-- for late callbacks. A repeated end changes nothing: the first one decided.
--
-- Each change's lifecycle event is written in the same run (lifecycle-events): call_placed when this report is the
-- first sign of the call, call_ringing, call_answered, call_completed or call_failed for a change of stage, and
-- failed when the end of the call fails the verification.
--
-- KEYS[1] verification hash   KEYS[2] call schedule   KEYS[3] the call token's code copy   KEYS[4] event outbox
-- ARGV[1] call token  ARGV[2] call status  ARGV[3] stage (1 ringing, 2 in-progress, 3 ended)  ARGV[4] now ms
-- ARGV[5] '1' when Plivo says a machine answered  ARGV[6] calls allowed in total (1 + redials)
-- ARGV[7] redial due ms  ARGV[8] verification id  ARGV[9] how long a redial keeps the code's copy, ms
-- ARGV[10] Plivo's hangup cause ('' when none)  ARGV[11..15] the events' arguments (lifecycle-events: outbox or
-- not, time, three event ids)  ARGV[16..] field/value pairs stored with the report ('' values are skipped)
-- Returns {changed, placed now (0, 1 first call, 2 further call), verdict, stored status, app, country, createdAt ms,
-- the events written...}; verdict is 'missing', 'none', 'superseded', 'recorded', 'completed', 'redial', 'failed' (the
-- verification failed now) or 'ended'
local events = lifecycleEvents(KEYS[4], 11)
local stage = tonumber(ARGV[3])
-- the code is never read again through this token: keep only the verification id, and the copy's expiry
local function forgetCode()
  if stage == 3 then redis.call('SET', KEYS[3], ARGV[8], 'XX', 'KEEPTTL') end
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  forgetCode()
  return {0, 0, 'missing'}
end
local v = redis.call('HMGET', KEYS[1], 'callToken', 'callState', 'callStage', 'status', 'expiresAt', 'callMachine',
  'callPlacedToken', 'app', 'country', 'createdAt')
if v[1] ~= ARGV[1] then
  forgetCode()
  return {0, 0, 'superseded'}
end
local now = tonumber(ARGV[4])
-- placed now: 1 for the verification's first call, 2 for a further one (a redial or a call placed again)
local placedNow = 0
if v[7] ~= ARGV[1] then
  local attempts = redis.call('HINCRBY', KEYS[1], 'callAttempts', 1)
  redis.call('HSET', KEYS[1], 'callPlacedToken', ARGV[1])
  placedNow = 1
  if attempts > 1 then placedNow = 2 end
  events.add('call_placed', ARGV[8], v[8], v[9], 'queued')
end
-- a report proves that the call exists: a claim still waiting for its "placed" write (or whose write was
-- lost) can no longer go stale, and a timed-out request is not retried
if v[2] == 'claimed' then redis.call('HSET', KEYS[1], 'callState', 'placed') end
-- (its entry on the call schedule stays: for a placed call it is the watch for a lost end, see overdue-call)
if v[2] == 'ambiguous' then
  redis.call('HSET', KEYS[1], 'callState', 'placed')
  redis.call('HDEL', KEYS[1], 'callRetryAt')
end
if ARGV[5] == '1' then redis.call('HSET', KEYS[1], 'callMachine', '1') end
local status = ARGV[2]
if stage >= 2 and (v[6] == '1' or ARGV[5] == '1') then status = 'machine' end
-- a call that ends "completed" though our answer webhook never served it (Plivo could not reach any worker, or got an
-- error) never read its code: for the verification it failed
if stage == 3 and status == 'completed' and tonumber(v[3] or '-1') < 2 then status = 'failed' end
if stage <= tonumber(v[3] or '-1') then
  return events.after({0, placedNow, 'none', status, v[8], v[9] or '', v[10] or '0'})
end
redis.call('HSET', KEYS[1], 'callStatus', status, 'callStage', ARGV[3], 'callUpdatedAt', ARGV[4])
for i = 16, #ARGV, 2 do
  if ARGV[i + 1] ~= '' then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
local verdict = 'recorded'
-- the reason a call's end failed the verification, stored and reported
local failureReason = nil
if stage == 3 then
  if status == 'completed' then
    verdict = 'completed'
    redis.call('ZREM', KEYS[2], ARGV[8])
  elseif v[4] ~= 'pending' or now >= tonumber(v[5]) then
    verdict = 'ended'
    redis.call('ZREM', KEYS[2], ARGV[8])
  else
    local attempts = tonumber(redis.call('HGET', KEYS[1], 'callAttempts') or '0')
    local due = tonumber(ARGV[7])
    if (status == 'busy' or status == 'no-answer') and attempts < tonumber(ARGV[6]) and due < tonumber(v[5]) then
      redis.call('HSET', KEYS[1], 'callState', 'redial', 'callRetryAt', ARGV[7])
      redis.call('ZADD', KEYS[2], ARGV[7], ARGV[8])
      redis.call('PEXPIRE', KEYS[3], ARGV[9])
      verdict = 'redial'
    else
      failureReason = 'call_' .. (string.gsub(status, '-', '_'))
      redis.call('HSET', KEYS[1], 'status', 'failed', 'failureReason', failureReason)
      redis.call('HDEL', KEYS[1], 'codeHash')
      redis.call('ZREM', KEYS[2], ARGV[8])
      verdict = 'failed'
    end
  end
  if verdict ~= 'redial' then forgetCode() end
end
if stage == 1 then
  events.add('call_ringing', ARGV[8], v[8], v[9], 'ringing')
elseif stage == 2 then
  events.add('call_answered', ARGV[8], v[8], v[9], 'in-progress')
else
  local ended = 'call_failed'
  if verdict == 'completed' then ended = 'call_completed' end
  events.add(ended, ARGV[8], v[8], v[9], status, ARGV[10])
  if verdict == 'failed' then events.add('failed', ARGV[8], v[8], v[9], nil, nil, failureReason) end
end
return events.after({1, placedNow, verdict, status, v[8], v[9] or '', v[10] or '0'})
