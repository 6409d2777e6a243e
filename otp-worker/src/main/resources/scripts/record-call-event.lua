-- Applies one call status report from Plivo. Reports can arrive late, twice or out of order (Plivo
-- retries callbacks; the hangup can beat the worker's own "placed" write): a report never replaces a
-- later stage, and repeating one changes nothing.
--
-- KEYS[1] verification hash
-- ARGV[1] call status  ARGV[2] stage (0 queued, 1 ringing, 2 in-progress, 3 ended)  ARGV[3] now ms
-- ARGV[4..] field/value pairs to store with it (callUuid, hangup cause, duration)
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local current = tonumber(redis.call('HGET', KEYS[1], 'callStage') or '-1')
local stage = tonumber(ARGV[2])
if stage < current or (stage == current and stage == 3) then return 0 end
redis.call('HSET', KEYS[1], 'callStatus', ARGV[1], 'callStage', ARGV[2], 'callUpdatedAt', ARGV[3])
for i = 4, #ARGV, 2 do
  if ARGV[i + 1] ~= '' then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
return 1
