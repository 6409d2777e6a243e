--[[
Settles a verification whose request Kafka did not acknowledge. The broker may still hold the request, so the
verification is not deleted (a worker would then recreate it and call): it is canceled with reason
not_dispatched, which makes the worker's claim refuse to call and every check answer closed.

Everything else create-verification.lua did is undone, so the client's retry starts clean: the Idempotency-Key
and the latest pointer are released, the call is refunded to the per-number and spend counters, and a
verification it replaced becomes pending again (with its pointer back), unless something changed it since.
Pointers and replaced verifications are touched only while they are still as the create left them.

KEYS[1] {otp}:v:<id>   KEYS[2] {otp}:latest:<app>:<phone>   KEYS[3] {otp}:calls:<phone>   KEYS[4] app's daily spend
KEYS[5] country's hourly spend   KEYS[6] {otp}:expiries   KEYS[7] {otp}:idem:<app>:<key> (only with a key)
ARGV[1] id   ARGV[2] now (epoch ms)   ARGV[3] id of the verification it replaced, or ''
ARGV[4] prefix of verification keys ('{otp}:v:')   ARGV[5] its createdAt (epoch ms)

Returns 1 when the verification was canceled now, 0 when it was no longer pending, and 2, changing nothing, when a
worker has already claimed its call: then the broker had the request after all (its ack came late or was lost on
the way), the call is under way, and the request counts as accepted. Claim and cancel are each one script, so one
comes first: a worker that claims after the cancel finds the verification canceled and does not call.
]]
if redis.call('HEXISTS', KEYS[1], 'callState') == 1 then
  return 2
end
local canceled = 0
if redis.call('HGET', KEYS[1], 'status') == 'pending' then
  redis.call('HSET', KEYS[1], 'status', 'canceled', 'canceledAt', ARGV[2], 'failureReason', 'not_dispatched')
  canceled = 1
end
redis.call('ZREM', KEYS[6], ARGV[1])

-- refund once. The hash marks the refund (the call set cannot: it holds ids only while a per-number cap is on); a hash
-- that is gone leaves the call set as the mark, which holds the id only until the first refund
local refund = redis.call('ZREM', KEYS[3], ARGV[1]) == 1
if redis.call('EXISTS', KEYS[1]) == 1 then
  refund = redis.call('HSETNX', KEYS[1], 'refundedAt', ARGV[2]) == 1
end
if refund then
  for i = 4, 5 do
    if (tonumber(redis.call('GET', KEYS[i])) or 0) > 0 then
      redis.call('DECR', KEYS[i])
    end
  end
end

if #KEYS == 7 and redis.call('GET', KEYS[7]) == ARGV[1] then
  redis.call('DEL', KEYS[7])
end

if redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('DEL', KEYS[2])
  if ARGV[3] ~= '' then
    local old = ARGV[4] .. ARGV[3]
    local f = redis.call('HMGET', old, 'status', 'failureReason', 'canceledAt', 'expiresAt')
    if f[1] == 'canceled' and f[2] == 'replaced' and f[3] == ARGV[5] and tonumber(f[4]) > tonumber(ARGV[2]) then
      redis.call('HSET', old, 'status', 'pending')
      redis.call('HDEL', old, 'failureReason', 'canceledAt')
      redis.call('ZADD', KEYS[6], f[4], ARGV[3])
      redis.call('SET', KEYS[2], ARGV[3], 'PX', math.max(1, redis.call('PTTL', old)))
    end
  end
end
return canceled
