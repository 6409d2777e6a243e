--[[
Queues one webhook delivery in its lane, once: an event read again from Kafka (at-least-once) finds its marker
and is not queued twice.

KEYS[1]  the delivery's marker ({otp}:wh:seen:<app>:<eventId>)
KEYS[2]  the lane's queue ({otp}:wh:q:<app>:<lane>), a list of "<eventId>\n<body>", oldest first
ARGV[1]  the item
ARGV[2]  how long the marker lives, milliseconds (longer than any delivery is retried)
Returns 1 when queued, 0 for a duplicate.
]]
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) then
    redis.call('RPUSH', KEYS[2], ARGV[1])
    return 1
end
return 0
