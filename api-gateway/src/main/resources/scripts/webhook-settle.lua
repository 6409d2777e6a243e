--[[
Settles the head delivery of a lane: removes it (delivered or dead-lettered) or records a failed attempt and when to
try again. Only by the lease holder, and only while the head is still that delivery.

KEYS[1]  the lane's lease
KEYS[2]  the lane's queue
KEYS[3]  the head's attempts
ARGV[1]  this instance's id
ARGV[2]  the delivery's event id
ARGV[3]  "done" or "retry"
ARGV[4]  with retry: attempts so far; ARGV[5] first attempt, ARGV[6] next attempt (epoch ms)
Returns 1 when settled, 0 when the lease or the head changed meanwhile.
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
    return 0
end
local head = redis.call('LINDEX', KEYS[2], 0)
local prefix = ARGV[2] .. '\n'
if not head or string.sub(head, 1, #prefix) ~= prefix then
    return 0
end
if ARGV[3] == 'done' then
    redis.call('LPOP', KEYS[2])
    redis.call('DEL', KEYS[3])
else
    redis.call('HSET', KEYS[3], 'id', ARGV[2], 'attempts', ARGV[4], 'first', ARGV[5], 'next', ARGV[6])
end
return 1
