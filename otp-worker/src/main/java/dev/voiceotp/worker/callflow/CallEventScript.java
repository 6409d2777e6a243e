package dev.voiceotp.worker.callflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.event.ScriptedEvents;
import dev.voiceotp.contract.event.VerificationRef;
import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.WorkerRedisState;
import dev.voiceotp.worker.attempt.CallScheduleAlarm;

/**
 * Runs {@code record-call-event.lua}: one call status report applied atomically, with what follows an ended call (a
 * redial, or the verification failed), what becomes of the code's encrypted copy, and the lifecycle events of what
 * changed ({@link ScriptedEvents}; see the script for the rules).
 */
@Component
class CallEventScript {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> RECORD = LuaScript.load("scripts/record-call-event.lua", List.class, ScriptedEvents.LIBRARY);
    /** Events one report can write: the call placed, its new stage, and the verification failed. */
    private static final int MOST_EVENTS = 3;
    /** Where the reply's events start, after the script's own values. */
    private static final int FIRST_EVENT = 7;
    /** The copy kept for a redial outlives its due time by this much (the schedule's lease, the pacing wait). */
    private static final Duration REDIAL_COPY_MARGIN = Duration.ofMinutes(3);

    private final StringRedisTemplate redis;
    private final ScriptedEvents events;
    private final CallScheduleAlarm alarm;
    private final Clock clock;
    private final WorkerProperties.Redial redial;
    private final String redialCopyMillis;

    CallEventScript(StringRedisTemplate redis, ScriptedEvents events, CallScheduleAlarm alarm, Clock clock, WorkerProperties properties) {
        this.redis = redis;
        this.events = events;
        this.alarm = alarm;
        this.clock = clock;
        this.redial = properties.redial();
        this.redialCopyMillis = Long.toString(redial.delay().plus(REDIAL_COPY_MARGIN).toMillis());
    }

    /** What the script did with a report. */
    enum Verdict {
        /** The verification is gone. */
        MISSING,
        /** A report of a call that a newer attempt replaced. */
        SUPERSEDED,
        /** Nothing new: a repeated or out-of-order report. */
        NONE,
        RECORDED,
        COMPLETED,
        /** Busy or unanswered; a redial is on the call schedule. */
        REDIAL,
        /** The call ended without reading the code and the verification failed now. */
        FAILED,
        /** Ended without reading the code, but the verification was no longer pending. */
        ENDED
    }

    /**
     * @param changed the report changed the call's state (only then is it an event)
     * @param placedNow this report was the first sign of the call (its request timed out, or Plivo called back
     *     before the worker recorded the placement)
     * @param furtherCall that call was not the verification's first (a redial, a call placed again)
     * @param status the status stored, {@code machine} when a machine answered
     */
    record Recorded(boolean changed, boolean placedNow, boolean furtherCall, Verdict verdict, String status, VerificationRef verification,
            Instant requestedAt) {
    }

    /**
     * @param hangupCause Plivo's cause of the call's end, for its event ({@code ""}: none, or not an end)
     * @param fields field/value pairs stored with the report
     */
    Recorded record(String token, String verificationId, String status, int stage, boolean machine, String hangupCause, String... fields) {
        Instant now = clock.instant();
        Instant redialDue = now.plus(redial.delay());
        List<String> args = new ArrayList<>(List.of(token, status, Integer.toString(stage), Long.toString(now.toEpochMilli()),
                machine ? "1" : "0", Integer.toString(1 + redial.maxAttempts()), Long.toString(redialDue.toEpochMilli()),
                verificationId, redialCopyMillis, hangupCause));
        args.addAll(events.arguments(now, MOST_EVENTS));
        args.addAll(List.of(fields));
        List<String> keys = List.of(RedisKeys.verification(verificationId), WorkerRedisState.CALL_SCHEDULE, RedisKeys.callPrompt(token),
                events.outboxKey());
        List<?> result = redis.execute(RECORD, keys, args.toArray());
        events.written(result, FIRST_EVENT);
        Verdict verdict = Verdict.valueOf(String.valueOf(result.get(2)).toUpperCase(Locale.ROOT));
        if (verdict == Verdict.REDIAL) {
            alarm.dueAt(redialDue);
        }
        if (result.size() < 7) {
            return new Recorded(false, false, false, verdict, status, new VerificationRef(verificationId, "", null), now);
        }
        VerificationRef verification = VerificationRef.of(verificationId, String.valueOf(result.get(4)), String.valueOf(result.get(5)), null);
        long placedNow = ((Number) result.get(1)).longValue();
        return new Recorded(Long.valueOf(1).equals(result.get(0)), placedNow > 0, placedNow > 1, verdict,
                String.valueOf(result.get(3)), verification, Instant.ofEpochMilli(Long.parseLong(String.valueOf(result.get(6)))));
    }
}
