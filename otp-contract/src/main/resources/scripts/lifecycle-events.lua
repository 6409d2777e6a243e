--[[
A script library (LuaScript.load with it as a library, see ScriptedEvents): lifecycle events written by the script
that makes the change they report, in the same atomic run, so that a state change and its event never happen one
without the other, whatever fails next (the service, Redis, Kafka).

The script's caller passes the event outbox stream as a key, and from index `first` of its arguments (ARGV, or the
table `args` when a library function runs on arguments of its own): '1' to append each event to the outbox ('0'
without an outbox: the caller then sends the events itself), the time the events carry (ISO-8601), then one new
event id for each event the script may write, in order. Every event, written or not, is kept in
`written` (its JSON, as otp.events.v1 carries it) for the script to return after its own values.
]]
local function lifecycleEvents(outbox, first, args)
  args = args or ARGV
  local events = {written = {}}
  local function present(value)
    if value == false or value == '' then return nil end
    return value
  end
  -- type: the event type's wire name; absent values (nil, false, '') are left out of the JSON
  function events.add(type, verificationId, appId, country, callStatus, hangupCause, reason)
    local event = cjson.encode({version = 1, eventId = args[first + 2 + #events.written], type = type,
      verificationId = verificationId, appId = appId, occurredAt = args[first + 1], country = present(country),
      callStatus = present(callStatus), hangupCause = present(hangupCause), reason = present(reason)})
    if args[first] == '1' then redis.call('XADD', outbox, '*', 'event', event) end
    events.written[#events.written + 1] = event
  end
  -- the script's reply: its own values, then the events
  function events.after(reply)
    for _, event in ipairs(events.written) do reply[#reply + 1] = event end
    return reply
  end
  return events
end
