-- ScriptedEventsTest: two events through the lifecycle-events library, the second without a country or a call status
-- KEYS[1] the stream to append to   ARGV[1..4] the library's arguments (outbox or not, time, two event ids)
local events = lifecycleEvents(KEYS[1], 1)
events.add('call_placed', 'verification-1', 'shop', 'US', 'queued')
events.add('failed', 'verification-1', 'shop', false, '', nil, 'call_busy')
return events.after({'done'})
