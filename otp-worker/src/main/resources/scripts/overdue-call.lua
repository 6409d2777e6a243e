-- Settles a placed call whose end Plivo never reported to us (its hangup callback, and maybe the answer
-- callback, reached no worker: the worker serving them died, or the network lost them). Such a call is over by
-- now: it cannot ring longer than its ring timeout nor last longer than its time limit. Left alone, the
-- verification would show a call "ringing" or "in-progress" until its code expired, and no one would hear of it.
--
-- If the call never reached the stage where its code is spoken (no answer callback was served), the person
-- cannot have heard the code: the verification fails ('call_outcome_unknown') and the producer may ask again.
-- If it did, the person may have heard the code and may still type it: the verification stays pending, and only
-- the call is settled (status 'unknown').
--
-- KEYS[1] verification hash   KEYS[2] call schedule
-- ARGV[1] now ms  ARGV[2] how long after its last report a call is overdue (ms)  ARGV[3] verification id
-- Returns {'none'} (nothing to settle), {'watching', due ms} (a report came since: watched again),
-- {'failed', call token} or {'ended', call token}
local v = redis.call('HMGET', KEYS[1], 'callState', 'callStage', 'callUpdatedAt', 'status', 'callToken')
if v[1] ~= 'placed' or tonumber(v[2] or '0') >= 3 then return {'none'} end
local due = tonumber(v[3] or '0') + tonumber(ARGV[2])
if tonumber(ARGV[1]) < due then
  redis.call('ZADD', KEYS[2], due, ARGV[3])
  return {'watching', tostring(due)}
end
redis.call('HSET', KEYS[1], 'callState', 'unknown', 'callStatus', 'unknown', 'callStage', '3', 'callUpdatedAt', ARGV[1])
if v[4] == 'pending' and tonumber(v[2] or '0') < 2 then
  redis.call('HSET', KEYS[1], 'status', 'failed', 'failureReason', 'call_outcome_unknown')
  redis.call('HDEL', KEYS[1], 'codeHash')
  return {'failed', v[5] or ''}
end
return {'ended', v[5] or ''}
