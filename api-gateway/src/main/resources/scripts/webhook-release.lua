--[[
Gives a lane's lease up when its holder stops, so another instance takes the lane at once.
KEYS[1] the lease; ARGV[1] this instance's id. Returns 1 when released.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
    return redis.call('DEL', KEYS[1])
end
return 0
