-- Creates a verification, or finds the one an Idempotency-Key already created.
--
-- Atomic because Redis runs a script without interleaving other commands: two concurrent requests with
-- the same Idempotency-Key cannot both create a verification, and the hash, the latest-for-number pointer
-- and the idempotency key appear together or not at all.
--
-- KEYS[1] otp:v:{id}   KEYS[2] otp:latest:{app}:{phone}   KEYS[3] otp:idem:{app}:{key} (only with a key)
-- ARGV[1] id   ARGV[2] app   ARGV[3] phone   ARGV[4] locale or ''   ARGV[5] createdAt (epoch ms)
-- ARGV[6] expiresAt (epoch ms)   ARGV[7] time to live of all three keys (ms)
-- ARGV[8] prefix of verification keys ('otp:v:'), to find the verification an idempotency key names
--
-- Returns {id, phone, expiresAt} of the verification the caller should answer with: ARGV[1] when it was
-- created now, another id when the idempotency key had been used before.
-- The replay lookup reads a key that is not in KEYS: fine on one Redis node; Redis Cluster would need the
-- app's keys to share a hash tag.

if #KEYS == 3 then
  local existing = redis.call('GET', KEYS[3])
  if existing then
    local found = redis.call('HMGET', ARGV[8] .. existing, 'phone', 'expiresAt')
    if found[1] and found[2] then
      return {existing, found[1], found[2]}
    end
  end
end

redis.call('HSET', KEYS[1], 'app', ARGV[2], 'phone', ARGV[3], 'status', 'pending',
  'createdAt', ARGV[5], 'expiresAt', ARGV[6], 'failedAttempts', '0')
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[1], 'locale', ARGV[4])
end
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[7])
if #KEYS == 3 then
  redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[7])
end
return {ARGV[1], ARGV[3], ARGV[6]}
