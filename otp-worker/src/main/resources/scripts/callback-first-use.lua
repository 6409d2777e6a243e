-- A signed Plivo callback's first round trip: remembers its nonce (replay protection) and reads what its call token
-- names, in one step; for a callback that reads the code to the callee, also the verification the token names.
--
-- KEYS[1] the nonce's key   KEYS[2] the call token's code copy
-- ARGV[1] how long a nonce is remembered, ms
-- ARGV[2] optional: the prefix of verification keys ('{otp}:v:'), to read the verification too. Its key is known
--   only from the token's value, so it is not among KEYS; it carries the same hash tag, so it lives in the same
--   Redis Cluster slot as the keys given
-- Returns an empty list when the nonce was seen before (a replay: nothing else is read), otherwise a list: the value stored
-- behind the token ('<verification id>[ <sealed code>]', or '' for a token that names nothing), then, with ARGV[2],
-- the verification's hash as field/value pairs (none when it is gone)
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return {} end
local named = redis.call('GET', KEYS[2]) or ''
if ARGV[2] == nil or named == '' then return {named} end
local verification = redis.call('HGETALL', ARGV[2] .. string.match(named, '^[^ ]+'))
table.insert(verification, 1, named)
return verification
