--[[
Checks one submitted code against one verification: the whole decision in a single script.

Why this is atomic: Redis runs a script to completion before it serves any other command, so reading
status / failedAttempts / codeHash / the number's failure count and the writes that follow are one indivisible
step. Of any number of parallel checks with the right code exactly one sees status=pending and turns it into
approved; every later one sees approved and is answered already_used. Parallel wrong codes each see the counters
the previous one wrote, so failedAttempts stops at the limit, the number's failure count stops at its budget,
and each verification locks exactly once. "now" comes from the caller (its Clock), never from the server, so
expiry is testable and the script deterministic.

The per-number failure budget (NIST SP 800-63B 5.2.2, OWASP ASVS 2.2.1): every wrong code for a number, over all
its verifications and producer apps, counts in {otp}:fail:<number> (a fixed window: the first failure sets its
expiry, later ones do not extend it). The guide's unauthenticated verify_otp route passes a counter of its own
({otp}:fail:guide:<number>), so anonymous guesses there cannot lock the number in every other app. Requesting a new code does not reset it. Once it reaches the budget, a
check on any pending verification of that number answers budget_exhausted without comparing the code, and
that verification locks.

That key is derived from the hash's phone field here, inside the script, instead of being declared in KEYS:
the caller knows only the verification id, and reading the number first would take a second round trip and
open a gap between the read and the check. Redis Cluster allows a script keys it was not given only in the
slot of the keys it was given: every voice-otp key starts with the hash tag {otp} (RedisKeys.PREFIX), so
{otp}:v:<id> and {otp}:fail:<number> share one slot and the script is atomic over both on a single Redis, a
Sentinel-managed primary and a cluster alike.

Comparing hashes with == is not a timing oracle: the compared values are HMAC(secret, id:code). Without the
secret an attacker cannot choose a code whose HMAC shares a prefix with the stored one, so how long the
comparison takes tells nothing about the right code (see CodeHasher).

KEYS[1]  the verification hash ({otp}:v:<id>); fields named as in VerificationFields
ARGV[1]  id of the producer app asking
ARGV[2]  keyed hashes of the submitted code (CodeHasher), computed before this lookup in every case, separated
         by spaces: one per accepted HMAC secret (the current one first, then those still accepted during a
         rotation), so a code issued just before a secret changed still matches
ARGV[3]  now, epoch milliseconds
ARGV[4]  wrong codes allowed before the verification locks
ARGV[5]  wrong codes allowed per number per window (the failure budget)
ARGV[6]  the budget window, milliseconds
ARGV[7]  prefix of the per-number failure counter (RedisKeys.numberFailures or guideRouteNumberFailures without
         the number)
ARGV[8]  optional: the E.164 number the caller checks for (check by number). When given, a verification stored for
         another number answers not_found: the number-to-id index is only a pointer, and the check must never
         approve a number with a verification that was issued (and its code spoken) for a different one
ARGV[9]  optional: the caller's request limits, counted before anything else is read, as space-separated
         "<counter key> <limit> <window ms>" triples (the verifier's per-client-address and per-app limits, and
         the guide route's per-number limit: that route names the number, so it is counted for every number alike)
ARGV[10] optional: the per-number request limit, "<counter key prefix> <limit> <window ms>", counted once the
         verification is known to be the caller's (the number is the stored one)

Request limits are fixed windows: the first request of a window sets the counter's expiry, and every request in
the window counts, refused ones too. A request over a limit answers {'rate_limited', '', '', retryAfterMs} with
what is left of that window, before the code is compared or any attempt is counted. Like the failure counter,
these keys are not declared in KEYS (they share the {otp} slot too).

Otherwise returns {result, storedStatus, attemptsRemaining, retryAfterMs, changed, createdAt, country, phone}, empty
strings for what does not apply; not_found answers {'not_found'} alone, already_used and closed stop after the
status. result is approved, wrong_code, locked, budget_exhausted, already_used, closed (failed or canceled) or
not_found. changed is '1' only for the check that approved or locked the verification; only then are createdAt,
country and phone returned, for the caller's event and metrics. An unknown id and another app's id answer not_found
before anything else is read or counted, and so does a verification of another number when ARGV[8] is given; an
expired pending verification of the caller answers not_found too, after its number's request limit (ARGV[10]) is
counted, so only the app that owns it can tell it from an unknown id.
]]
-- counts one request against a fixed-window limit; the time left in the window when the limit is spent, else nil
local function spent(key, limit, window)
  local count = redis.call('INCR', key)
  if count == 1 then
    redis.call('PEXPIRE', key, window)
  end
  if count <= limit then
    return nil
  end
  local left = redis.call('PTTL', key)
  if left < 0 then
    redis.call('PEXPIRE', key, window)
    left = window
  end
  return left
end

local function rateLimited(left)
  return {'rate_limited', '', '', tostring(left)}
end

if ARGV[9] and ARGV[9] ~= '' then
  for key, limit, window in string.gmatch(ARGV[9], '(%S+) (%d+) (%d+)') do
    local left = spent(key, tonumber(limit), tonumber(window))
    if left then
      return rateLimited(left)
    end
  end
end

local fields = redis.call('HMGET', KEYS[1], 'app', 'status', 'expiresAt', 'failedAttempts', 'codeHash', 'phone',
  'createdAt', 'country')
local app, status = fields[1], fields[2]
if not app or app ~= ARGV[1] or not status then
  return {'not_found'}
end
if ARGV[8] and ARGV[8] ~= '' and fields[6] ~= ARGV[8] then
  return {'not_found'}
end

if ARGV[10] and ARGV[10] ~= '' and fields[6] then
  local prefix, limit, window = string.match(ARGV[10], '(%S+) (%d+) (%d+)')
  local left = spent(prefix .. fields[6], tonumber(limit), tonumber(window))
  if left then
    return rateLimited(left)
  end
end

-- finished verifications are never changed again and never count attempts
if status == 'approved' then
  return {'already_used', status}
end
if status == 'max_attempts_reached' then
  return {'locked', status, '0'}
end
if status ~= 'pending' then
  return {'closed', status}
end

local now = tonumber(ARGV[3])
local expiresAt = tonumber(fields[3])
if not expiresAt or now >= expiresAt then
  return {'not_found'}
end

local maxAttempts = tonumber(ARGV[4])
local budget = tonumber(ARGV[5])
local window = tonumber(ARGV[6])
local phone = fields[6]
local failuresKey = phone and (ARGV[7] .. phone)

local function changed(result, newStatus, retryAfterMs)
  local remaining = newStatus == 'approved' and '' or '0'
  return {result, newStatus, remaining, retryAfterMs, '1', fields[7] or '', fields[8] or '', phone or ''}
end

local function windowLeft()
  local left = redis.call('PTTL', failuresKey)
  if left < 0 then
    -- a counter without expiry would block the number for good: give it the window it should have had
    redis.call('PEXPIRE', failuresKey, window)
    left = window
  end
  return tostring(left)
end

if failuresKey and (tonumber(redis.call('GET', failuresKey)) or 0) >= budget then
  redis.call('HSET', KEYS[1], 'status', 'max_attempts_reached', 'failureReason', 'number_failure_budget')
  return changed('budget_exhausted', 'max_attempts_reached', windowLeft())
end

local function matchesAny(stored, candidates)
  for candidate in string.gmatch(candidates, '%S+') do
    if stored == candidate then
      return true
    end
  end
  return false
end

-- codeHash is absent until the worker has issued the code: then no submission can match
if fields[5] and matchesAny(fields[5], ARGV[2]) then
  redis.call('HSET', KEYS[1], 'status', 'approved', 'approvedAt', ARGV[3])
  return changed('approved', 'approved', '')
end

local failed = (tonumber(fields[4]) or 0) + 1
if failuresKey then
  local numberFailures = redis.call('INCR', failuresKey)
  if numberFailures == 1 then
    redis.call('PEXPIRE', failuresKey, window)
  end
  if numberFailures >= budget then
    redis.call('HSET', KEYS[1], 'failedAttempts', failed, 'status', 'max_attempts_reached',
      'failureReason', 'number_failure_budget')
    return changed('budget_exhausted', 'max_attempts_reached', windowLeft())
  end
end
if failed >= maxAttempts then
  redis.call('HSET', KEYS[1], 'failedAttempts', failed, 'status', 'max_attempts_reached')
  return changed('locked', 'max_attempts_reached', '')
end
redis.call('HSET', KEYS[1], 'failedAttempts', failed)
return {'wrong_code', 'pending', tostring(maxAttempts - failed), '', '0'}
