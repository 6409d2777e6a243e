--[[
Decides what a verification request does, and does it: replay an Idempotency-Key, hand back the number's
pending verification (resend cooldown), refuse (per-number call caps, spend caps), or create a verification
that replaces the pending one.

Atomic because Redis runs a script without interleaving other commands. Of two parallel requests for one
number and app, the second sees the first's verification (pending, inside the cooldown) and gets it back, so
they cannot both call; caps are read and charged in the same step, so parallel requests cannot overshoot
them; the hash, its pointers, the charges and the expiry entry appear together or not at all.

KEYS[1] {otp}:v:<id>          KEYS[2] {otp}:latest:<app>:<phone>   KEYS[3] {otp}:calls:<phone> (zset id -> createdAt; kept only while a per-number cap is on)
KEYS[4] app's daily spend   KEYS[5] country's hourly spend     KEYS[6] {otp}:expiries (zset id -> expiresAt)
KEYS[7] {otp}:idem:<app>:<key> (only with an Idempotency-Key)

ARGV[1] id   ARGV[2] app   ARGV[3] phone   ARGV[4] locale or ''   ARGV[5] now = createdAt (epoch ms)
ARGV[6] expiresAt (epoch ms)   ARGV[7] time to live of the hash and its pointers (ms)
ARGV[8] prefix of verification keys ('{otp}:v:')   ARGV[9] country   ARGV[10] delivery or ''
ARGV[11] resend cooldown (ms)   ARGV[12] calls per number per hour (0 = no cap)   ARGV[13] per day (0 = no cap)
ARGV[14] app's daily cap (0 = none)    ARGV[15] end of the app's day (epoch ms)
ARGV[16] country's hourly cap (0 = none)   ARGV[17] end of the country's hour (epoch ms)
ARGV[18] '1' when the id was chosen by the publisher (a direct request), else '' (the gateway's fresh UUID)

Returns one of
  {'replay', id, phone, expiresAt}     the Idempotency-Key named this verification before
  {'pending', id, phone, expiresAt}    the number's pending verification, created inside the cooldown
  {'created', id, phone, expiresAt, replacedId or ''}
  {'refused', reason, retryAfterMs}    reason: number_calls_daily, number_calls_hourly, spend_cap_app, spend_cap_country
  {'id_in_use', id}                    a publisher's id that names another verification

Two lookups read keys that are not in KEYS (the verification an idempotency key or the latest pointer names):
every key shares the {otp} hash tag, so they sit in the declared keys' slot, also on Redis Cluster.
]]
local HOUR, DAY = 3600000, 86400000
local now = tonumber(ARGV[5])
local prefix = ARGV[8]

if #KEYS == 7 then
  local replay = idempotentReplay(KEYS[7], prefix)
  if replay then
    return {'replay', replay[1], replay[2], replay[3]}
  end
end

-- a publisher's id must not name another verification (it would take it over); the one exception is its own
-- earlier attempt that Kafka did not acknowledge (canceled, not_dispatched): a retried record must not be lost,
-- and the worker's claim still lets only one call happen for the id
if ARGV[18] == '1' then
  local taken = redis.call('HMGET', KEYS[1], 'app', 'phone', 'status', 'failureReason')
  if taken[1] then
    if taken[1] == ARGV[2] and taken[2] == ARGV[3] and taken[3] == 'canceled' and taken[4] == 'not_dispatched' then
      redis.call('DEL', KEYS[1])
    else
      return {'id_in_use', ARGV[1]}
    end
  end
end

-- resend: the number's pending verification from this app, if any
local replaced = ''
local latest = redis.call('GET', KEYS[2])
if latest then
  local f = redis.call('HMGET', prefix .. latest, 'status', 'createdAt', 'expiresAt', 'phone')
  if f[1] == 'pending' and f[2] and f[3] and now < tonumber(f[3]) then
    if now - tonumber(f[2]) < tonumber(ARGV[11]) then
      if #KEYS == 7 then
        -- a retry with this key must find the same answer
        redis.call('SET', KEYS[7], latest, 'PX', math.max(1, redis.call('PTTL', prefix .. latest)))
      end
      return {'pending', latest, f[4], f[3]}
    end
    replaced = latest
  end
end

-- per-number call caps over rolling windows; the daily one first, as its wait is the longer
-- scores are epoch ms: formatted with %d, as Lua would print large numbers in exponent form
-- the number's call history exists only for the caps: with both off it is neither read nor kept
local hourAgo = string.format('(%d', now - HOUR)
local perDay, perHour = tonumber(ARGV[13]), tonumber(ARGV[12])
local capped = perDay > 0 or perHour > 0
if capped then
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', string.format('%d', now - DAY))
end
if perDay > 0 and redis.call('ZCARD', KEYS[3]) >= perDay then
  local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
  return {'refused', 'number_calls_daily', string.format('%d', tonumber(oldest[2]) + DAY - now)}
end
if perHour > 0 and redis.call('ZCOUNT', KEYS[3], hourAgo, '+inf') >= perHour then
  local oldest = redis.call('ZRANGEBYSCORE', KEYS[3], hourAgo, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
  return {'refused', 'number_calls_hourly', string.format('%d', tonumber(oldest[2]) + HOUR - now)}
end

-- spend caps, charged below only when both hold
local appCap, countryCap = tonumber(ARGV[14]), tonumber(ARGV[16])
if appCap > 0 and (tonumber(redis.call('GET', KEYS[4])) or 0) >= appCap then
  return {'refused', 'spend_cap_app', string.format('%d', tonumber(ARGV[15]) - now)}
end
if countryCap > 0 and (tonumber(redis.call('GET', KEYS[5])) or 0) >= countryCap then
  return {'refused', 'spend_cap_country', string.format('%d', tonumber(ARGV[17]) - now)}
end

-- a day's grace after the window, so a late compensation still finds its counter; a counter's key names its
-- window, so its expiry is set once, when the first call of the window creates it
if redis.call('INCR', KEYS[4]) == 1 then
  redis.call('PEXPIREAT', KEYS[4], string.format('%d', tonumber(ARGV[15]) + DAY))
end
if redis.call('INCR', KEYS[5]) == 1 then
  redis.call('PEXPIREAT', KEYS[5], string.format('%d', tonumber(ARGV[17]) + DAY))
end
if capped then
  redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
  redis.call('PEXPIRE', KEYS[3], DAY)
end

if replaced ~= '' then
  -- its code stops working: every check treats canceled as closed
  redis.call('HSET', prefix .. replaced, 'status', 'canceled', 'canceledAt', ARGV[5], 'failureReason', 'replaced')
  redis.call('ZREM', KEYS[6], replaced)
end

local fields = {'app', ARGV[2], 'phone', ARGV[3], 'status', 'pending',
  'createdAt', ARGV[5], 'expiresAt', ARGV[6], 'failedAttempts', '0', 'country', ARGV[9]}
if ARGV[4] ~= '' then
  table.insert(fields, 'locale'); table.insert(fields, ARGV[4])
end
if ARGV[10] ~= '' then
  table.insert(fields, 'delivery'); table.insert(fields, ARGV[10])
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[7])
if #KEYS == 7 then
  redis.call('SET', KEYS[7], ARGV[1], 'PX', ARGV[7])
end
redis.call('ZADD', KEYS[6], ARGV[6], ARGV[1])
return {'created', ARGV[1], ARGV[3], ARGV[6], replaced}
