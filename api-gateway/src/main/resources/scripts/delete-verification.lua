-- Undoes create-verification.lua after Kafka refused the request, so no verification exists that no
-- worker will ever call for.
--
-- The pointers are deleted only while they still name this verification: a newer request for the same
-- number (or a retry with the same Idempotency-Key) may already have replaced them.
--
-- KEYS[1] otp:v:{id}   KEYS[2] otp:latest:{app}:{phone}   KEYS[3] otp:idem:{app}:{key} (only with a key)
-- ARGV[1] id

redis.call('DEL', KEYS[1])
for i = 2, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then
    redis.call('DEL', KEYS[i])
  end
end
return 1
