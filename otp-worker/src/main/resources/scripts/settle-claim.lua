-- Records what became of a claimed call, only while the claim is still this worker's to settle.
--
-- KEYS[1] verification hash
-- ARGV[1] outcome: 'placed' | 'refused' | 'released'   ARGV[2] now ms
-- ARGV[3] Plivo request uuid (placed) or failure reason (refused)
if redis.call('HGET', KEYS[1], 'callState') ~= 'claimed' then return 0 end
if ARGV[1] == 'placed' then
  redis.call('HSET', KEYS[1], 'callState', 'placed', 'callRequestUuid', ARGV[3], 'callUpdatedAt', ARGV[2])
  -- a fast callback may already have reported a later call status: never move it back
  redis.call('HSETNX', KEYS[1], 'callStatus', 'queued')
  redis.call('HSETNX', KEYS[1], 'callStage', '0')
elseif ARGV[1] == 'refused' then
  redis.call('HSET', KEYS[1], 'callState', 'refused', 'callStatus', 'failed', 'callUpdatedAt', ARGV[2],
    'failureReason', ARGV[3])
  if redis.call('HGET', KEYS[1], 'status') == 'pending' then redis.call('HSET', KEYS[1], 'status', 'failed') end
  redis.call('HDEL', KEYS[1], 'codeHash')
else
  -- no call was placed: the next delivery may claim again, with a new code
  redis.call('HSET', KEYS[1], 'callState', 'released')
  redis.call('HDEL', KEYS[1], 'codeHash')
end
return 1
