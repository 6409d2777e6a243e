--[[
Acknowledges and deletes event outbox entries a relay has on Kafka (or that can never be sent), in one round trip
on the services' shared connection. (A pipeline would do the same in one round trip, but Spring Data Redis runs
every pipeline on a dedicated connection, opened and closed for it: a new TCP connection per relayed batch.)

KEYS[1]  the outbox stream ({otp}:outbox:events)
ARGV[1]  the relays' consumer group   ARGV[2..] the entry ids
Returns how many entries were deleted.
]]
redis.call('XACK', KEYS[1], unpack(ARGV))
return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
