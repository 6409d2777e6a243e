--[[
Checks one submitted code against one verification: the whole decision in a single script.

Why this is atomic: Redis runs a script to completion before it serves any other command, so reading
status / failedAttempts / codeHash and the write that follows are one indivisible step. Of any number of
parallel checks with the right code exactly one sees status=pending and turns it into approved; every later
one sees approved and is answered already_used. Parallel wrong codes each see the counter the previous one
wrote, so failedAttempts stops at the limit and the status turns to max_attempts_reached exactly once.
"now" comes from the caller (its Clock), never from the server, so expiry is testable and the script
deterministic.

KEYS[1]  the verification hash (otp:v:{id}); fields named as in VerificationFields
ARGV[1]  id of the producer app asking
ARGV[2]  keyed hash of the submitted code (CodeHasher), computed before this lookup in every case
ARGV[3]  now, epoch milliseconds
ARGV[4]  wrong codes allowed before the verification locks

Returns {result, storedStatus[, attemptsRemaining]}; result is approved, wrong_code, locked,
already_used, closed (failed or canceled) or not_found. An unknown id, another app's id and an expired
pending verification all answer not_found, so a caller cannot tell them apart.
]]
local fields = redis.call('HMGET', KEYS[1], 'app', 'status', 'expiresAt', 'failedAttempts', 'codeHash')
local app, status = fields[1], fields[2]
if not app or app ~= ARGV[1] or not status then
  return {'not_found'}
end

if status == 'pending' then
  local expiresAt = tonumber(fields[3])
  if not expiresAt or tonumber(ARGV[3]) >= expiresAt then
    return {'not_found'}
  end
  -- codeHash is absent until the worker has issued the code: then no submission can match
  if fields[5] and fields[5] == ARGV[2] then
    redis.call('HSET', KEYS[1], 'status', 'approved', 'approvedAt', ARGV[3])
    return {'approved', 'approved'}
  end
  local maxAttempts = tonumber(ARGV[4])
  local failed = (tonumber(fields[4]) or 0) + 1
  if failed >= maxAttempts then
    redis.call('HSET', KEYS[1], 'failedAttempts', failed, 'status', 'max_attempts_reached')
    return {'locked', 'max_attempts_reached', '0'}
  end
  redis.call('HSET', KEYS[1], 'failedAttempts', failed)
  return {'wrong_code', 'pending', tostring(maxAttempts - failed)}
end

-- finished verifications are never changed again and never count attempts
if status == 'approved' then
  return {'already_used', status}
end
if status == 'max_attempts_reached' then
  return {'locked', status, '0'}
end
return {'closed', status}
