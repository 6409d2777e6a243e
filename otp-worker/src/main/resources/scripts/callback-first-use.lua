-- A signed Plivo callback's first round trip: remembers its nonce (replay protection) and reads what its call token
-- names, in one step.
--
-- KEYS[1] the nonce's key   KEYS[2] the call token's code copy
-- ARGV[1] how long a nonce is remembered, ms
-- Returns nil when the nonce was seen before (a replay: nothing else is read), otherwise the value stored behind the
-- token ('<verification id>[ <sealed code>]'), or '' for a token that names nothing
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return nil end
return redis.call('GET', KEYS[2]) or ''
