--[[
The next delivery of a lane for the instance that holds (or now takes) the lane's lease: one instance at a time
delivers a lane, so its deliveries leave in order and never twice at once.

KEYS[1]  the lane's lease ({otp}:wh:lease:<app>:<lane>)
KEYS[2]  the lane's queue
KEYS[3]  the head's attempts so far ({otp}:wh:try:<app>:<lane>: id, attempts, first, next)
ARGV[1]  this instance's id
ARGV[2]  lease time, milliseconds
Returns {"leased"} while another instance holds the lane, {"empty"}, or
{"item", item, id of the attempts hash, attempts, first attempt ms, next attempt ms}.
]]
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then
    return {'leased'}
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local item = redis.call('LINDEX', KEYS[2], 0)
if not item then
    return {'empty'}
end
local try = redis.call('HMGET', KEYS[3], 'id', 'attempts', 'first', 'next')
return {'item', item, try[1] or '', try[2] or '0', try[3] or '', try[4] or ''}
