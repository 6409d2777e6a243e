-- Takes the due entries of the call schedule for one worker: each one's score moves to the end of a lease,
-- so no other worker takes it meanwhile, and a worker that dies mid-way leaves it to be taken again when
-- the lease ends (handling an entry twice is harmless: claim-call decides). Returns the due time (ms) of the
-- earliest entry left on the schedule ('' when it is empty), then the ids taken: the caller reads again then.
--
-- KEYS[1] call schedule   ARGV[1] now ms   ARGV[2] lease end ms   ARGV[3] most entries to take
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(due) do
  redis.call('ZADD', KEYS[1], ARGV[2], id)
end
local earliest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
table.insert(due, 1, earliest[2] or '')
return due
