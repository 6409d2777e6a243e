-- A ring or hangup callback from Plivo in one round trip: remembers its nonce (replay protection, as
-- callback-first-use.lua does for the answer webhook), reads the verification its call token names, and applies its
-- report to that call (call-report.lua). A nonce is never used up without its report applied, whatever fails next.
--
-- KEYS[1] the nonce's key   KEYS[2] the call token's code copy   KEYS[3] call schedule   KEYS[4] event outbox
-- ARGV[1] how long a nonce is remembered, ms
-- ARGV[2] the prefix of verification keys ('{otp}:v:'). The verification's key is known only from the token's value,
--   so it is not among KEYS; it carries the same hash tag, so it lives in the same Redis Cluster slot as the keys given
-- ARGV[3..] the report's arguments, numbered from 1 as call-report.lua's argv; its 8th, the verification id, is
--   taken from the token's value
-- Returns an empty list when the nonce was seen before (a replay: nothing else is read or changed), {''} when the
-- token names no call, otherwise the verification id followed by call-report's reply
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return {} end
local named = redis.call('GET', KEYS[2]) or ''
if named == '' then return {''} end
local id = string.match(named, '^[^ ]+')
local argv = {}
for i = 3, #ARGV do argv[i - 2] = ARGV[i] end
argv[8] = id
local reply = recordCallEvent({ARGV[2] .. id, KEYS[3], KEYS[2], KEYS[4]}, argv)
table.insert(reply, 1, id)
return reply
