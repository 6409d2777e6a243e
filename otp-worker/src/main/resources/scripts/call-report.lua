-- A script library (LuaScript.load with it, after ScriptedEvents' lifecycle-events): recordCallEvent(keys, argv)
-- applies one call status report from Plivo. record-call-event.lua runs it on its own KEYS and ARGV,
-- progress-callback.lua in the same round trip as a callback's nonce, on the call the callback's token names.
--
-- Reports arrive late, twice or out of order (Plivo retries callbacks; the hangup can beat the worker's own "placed"
-- write), and a redial makes the earlier call's reports stale. So a report counts only for the current call (its
-- token), never replaces the same or a later stage, and repeating one changes nothing: only a report that changed
-- something returns changed = 1, and only those become events.
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
-- keys[1] verification hash   keys[2] call schedule   keys[3] the call token's code copy   keys[4] event outbox
-- argv[1] call token  argv[2] call status  argv[3] stage (1 ringing, 2 in-progress, 3 ended)  argv[4] now ms
-- argv[5] '1' when Plivo says a machine answered  argv[6] calls allowed in total (1 + redials)
-- argv[7] redial due ms  argv[8] verification id  argv[9] how long a redial keeps the code's copy, ms
-- argv[10] Plivo's hangup cause ('' when none)  argv[11..15] the events' arguments (lifecycle-events: outbox or
-- not, time, three event ids)  argv[16..] field/value pairs stored with the report ('' values are skipped)
-- Returns {changed, placed now (0, 1 first call, 2 further call), verdict, stored status, app, country, createdAt ms,
-- the events written...}; verdict is 'missing', 'none', 'superseded', 'recorded', 'completed', 'redial', 'failed' (the
-- verification failed now) or 'ended'
local function recordCallEvent(keys, argv)
  local events = lifecycleEvents(keys[4], 11, argv)
  local stage = tonumber(argv[3])
  -- the code is never read again through this token: keep only the verification id, and the copy's expiry
  local function forgetCode()
    if stage == 3 then redis.call('SET', keys[3], argv[8], 'XX', 'KEEPTTL') end
  end
  if redis.call('EXISTS', keys[1]) == 0 then
    forgetCode()
    return {0, 0, 'missing'}
  end
  local v = redis.call('HMGET', keys[1], 'callToken', 'callState', 'callStage', 'status', 'expiresAt', 'callMachine',
    'callPlacedToken', 'app', 'country', 'createdAt')
  if v[1] ~= argv[1] then
    forgetCode()
    return {0, 0, 'superseded'}
  end
  local now = tonumber(argv[4])
  -- placed now: 1 for the verification's first call, 2 for a further one (a redial or a call placed again)
  local placedNow = 0
  if v[7] ~= argv[1] then
    local attempts = redis.call('HINCRBY', keys[1], 'callAttempts', 1)
    redis.call('HSET', keys[1], 'callPlacedToken', argv[1])
    placedNow = 1
    if attempts > 1 then placedNow = 2 end
    events.add('call_placed', argv[8], v[8], v[9], 'queued')
  end
  -- a report proves that the call exists: a claim still waiting for its "placed" write (or whose write was
  -- lost) can no longer go stale, and a timed-out request is not retried
  if v[2] == 'claimed' then redis.call('HSET', keys[1], 'callState', 'placed') end
  -- (its entry on the call schedule stays: for a placed call it is the watch for a lost end, see overdue-call)
  if v[2] == 'ambiguous' then
    redis.call('HSET', keys[1], 'callState', 'placed')
    redis.call('HDEL', keys[1], 'callRetryAt')
  end
  if argv[5] == '1' then redis.call('HSET', keys[1], 'callMachine', '1') end
  local status = argv[2]
  if stage >= 2 and (v[6] == '1' or argv[5] == '1') then status = 'machine' end
  -- a call that ends "completed" though our answer webhook never served it (Plivo could not reach any worker, or got an
  -- error) never read its code: for the verification it failed
  if stage == 3 and status == 'completed' and tonumber(v[3] or '-1') < 2 then status = 'failed' end
  if stage <= tonumber(v[3] or '-1') then
    return events.after({0, placedNow, 'none', status, v[8], v[9] or '', v[10] or '0'})
  end
  redis.call('HSET', keys[1], 'callStatus', status, 'callStage', argv[3], 'callUpdatedAt', argv[4])
  for i = 16, #argv, 2 do
    if argv[i + 1] ~= '' then redis.call('HSET', keys[1], argv[i], argv[i + 1]) end
  end
  local verdict = 'recorded'
  -- the reason a call's end failed the verification, stored and reported
  local failureReason = nil
  if stage == 3 then
    if status == 'completed' then
      verdict = 'completed'
      redis.call('ZREM', keys[2], argv[8])
    elseif v[4] ~= 'pending' or now >= tonumber(v[5]) then
      verdict = 'ended'
      redis.call('ZREM', keys[2], argv[8])
    else
      local attempts = tonumber(redis.call('HGET', keys[1], 'callAttempts') or '0')
      local due = tonumber(argv[7])
      if (status == 'busy' or status == 'no-answer') and attempts < tonumber(argv[6]) and due < tonumber(v[5]) then
        redis.call('HSET', keys[1], 'callState', 'redial', 'callRetryAt', argv[7])
        redis.call('ZADD', keys[2], argv[7], argv[8])
        redis.call('PEXPIRE', keys[3], argv[9])
        verdict = 'redial'
      else
        failureReason = 'call_' .. (string.gsub(status, '-', '_'))
        redis.call('HSET', keys[1], 'status', 'failed', 'failureReason', failureReason)
        redis.call('HDEL', keys[1], 'codeHash')
        redis.call('ZREM', keys[2], argv[8])
        verdict = 'failed'
      end
    end
    if verdict ~= 'redial' then forgetCode() end
  end
  if stage == 1 then
    events.add('call_ringing', argv[8], v[8], v[9], 'ringing')
  elseif stage == 2 then
    events.add('call_answered', argv[8], v[8], v[9], 'in-progress')
  else
    local ended = 'call_failed'
    if verdict == 'completed' then ended = 'call_completed' end
    events.add(ended, argv[8], v[8], v[9], status, argv[10])
    if verdict == 'failed' then events.add('failed', argv[8], v[8], v[9], nil, nil, failureReason) end
  end
  return events.after({1, placedNow, verdict, status, v[8], v[9] or '', v[10] or '0'})
end
