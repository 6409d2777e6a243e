-- Applies one call status report from Plivo whose verification is known (the answer webhook's): call-report.lua
-- has the rules, the keys and the arguments, which are this script's KEYS and ARGV.
return recordCallEvent(KEYS, ARGV)
