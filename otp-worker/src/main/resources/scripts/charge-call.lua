-- Charges one further call of a verification (a redial, a call placed again) to the spend counters the gateway's
-- create script charges a verification's first call to, so that the spend caps count every call placed.
-- A counter's key names its window, so its expiry (a day after the window, as the gateway sets it) is set once,
-- by the window's first charge.
--
-- KEYS[1] the app's daily spend   KEYS[2] the country's hourly spend
-- ARGV[1] when KEYS[1] expires (epoch ms)   ARGV[2] when KEYS[2] expires (epoch ms)
for i = 1, 2 do
  if redis.call('INCR', KEYS[i]) == 1 then
    redis.call('PEXPIREAT', KEYS[i], ARGV[i])
  end
end
return 1
