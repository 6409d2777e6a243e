--[[
A relay's one round trip per batch: acknowledges and deletes the event outbox entries it has on Kafka (or that can
never be sent), then hands it up to COUNT entries no relay has read yet. On the services' shared connection (a
pipeline would do the same in one round trip, but Spring Data Redis runs every pipeline on a dedicated connection,
opened and closed for it: a new TCP connection per batch).

KEYS[1]  the outbox stream ({otp}:outbox:events)
ARGV[1]  the relays' consumer group   ARGV[2] the relay (consumer)   ARGV[3] COUNT, 0 to acknowledge only
ARGV[4..] the ids of the entries done
Returns the entries read, flat: id, event JSON ('' for an entry without one), id, event JSON, ...
]]
if #ARGV > 3 then
  redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 4))
  redis.call('XDEL', KEYS[1], unpack(ARGV, 4))
end
local taken = {}
if tonumber(ARGV[3]) == 0 then return taken end
local read = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[3], 'STREAMS', KEYS[1], '>')
if not read then return taken end
for _, entry in ipairs(read[1][2]) do
  local event = ''
  local fields = entry[2]
  for i = 1, #fields, 2 do
    if fields[i] == 'event' then event = fields[i + 1] end
  end
  taken[#taken + 1] = entry[1]
  taken[#taken + 1] = event
end
return taken
