-- Removes a handled entry from the call schedule, unless handling it scheduled it again (new score).
--
-- KEYS[1] call schedule   ARGV[1] verification id   ARGV[2] the lease end it was taken with (ms)
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) == tonumber(ARGV[2]) then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 1
end
return 0
