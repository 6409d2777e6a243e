--[[
Takes one token from each of a request's rate-limit buckets, all or none, in one round trip.

Each bucket is a token bucket of `capacity` tokens refilled evenly over `period` (one token every
period / capacity), kept as the generic cell rate algorithm keeps it: one number per bucket, its theoretical
arrival time (TAT), the instant at which the bucket will be full again. A request is allowed when, after adding
one emission interval to the TAT, the TAT lies at most the bucket's span (capacity x interval) ahead of now: a
full bucket allows `capacity` requests at once, then one per interval. An empty key is a full bucket.

Atomic because Redis runs a script without interleaving other commands: parallel requests queue on the server
instead of racing and retrying, so a bucket that every request touches (one app, one flooding address) costs
one script run per request, however hot it is. Nothing is written when any bucket refuses, so a refused request
takes no token from the others.

KEYS[i] the bucket of limit i
ARGV[1] now (epoch microseconds)
ARGV[2i] emission interval of limit i (microseconds: period / capacity)   ARGV[2i+1] its span (capacity x interval)

Returns {0} when every bucket gave a token, else {i, waitMs}: i the limit that must wait longest (1-based),
waitMs how long until it has a token again (at least 1).
]]
local now = tonumber(ARGV[1])
local GRACE_US = 10000000

local next_tats = {}
local refused, longest = 0, 0
for i, key in ipairs(KEYS) do
  local interval = tonumber(ARGV[2 * i])
  local span = tonumber(ARGV[2 * i + 1])
  local tat = tonumber(redis.call('GET', key) or '') or now
  if tat < now then
    tat = now
  end
  local next_tat = tat + interval
  local wait = next_tat - span - now
  if wait > 0 then
    if wait > longest then
      refused, longest = i, wait
    end
  else
    next_tats[i] = next_tat
  end
end

if refused > 0 then
  return {refused, math.max(1, math.ceil(longest / 1000))}
end
for i, key in ipairs(KEYS) do
  -- the key lives until its bucket is full again (plus a grace period): an idle subject costs nothing
  redis.call('SET', key, string.format('%d', next_tats[i]), 'PX',
    string.format('%d', math.ceil((next_tats[i] - now + GRACE_US) / 1000)))
end
return {0}
