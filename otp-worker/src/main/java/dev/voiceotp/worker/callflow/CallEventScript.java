package dev.voiceotp.worker.callflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
 * Applies a call status report atomically ({@code call-report.lua}, see it for the rules): with what follows an ended
 * call (a redial, or the verification failed), what becomes of the code's encrypted copy, and the lifecycle events of
 * what changed ({@link ScriptedEvents}). The answer webhook, which knows the verification already, runs
 * {@code record-call-event.lua}; the ring and hangup callbacks run {@code progress-callback.lua}, which also remembers
 * the callback's nonce and finds the call by its token, so each of them takes one round trip.
 */
@Component
class CallEventScript {

    private static final String CALL_REPORT = "scripts/call-report.lua";
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> RECORD = LuaScript.load("scripts/record-call-event.lua", List.class, ScriptedEvents.LIBRARY,
            CALL_REPORT);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> PROGRESS = LuaScript.load("scripts/progress-callback.lua", List.class, ScriptedEvents.LIBRARY,
            CALL_REPORT);
    private static final String VERIFICATION_KEY_PREFIX = RedisKeys.verification("");
    /** Events one report can write: the call placed, its new stage, and the verification failed. */
    private static final int MOST_EVENTS = 3;
    /** The report's values in call-report's reply, before its events. */
    private static final int REPORT_VALUES = 7;
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
     * One report of Plivo's about a call.
     *
     * @param status Plivo's call status
     * @param stage 1 ringing, 2 in progress, 3 ended
     * @param machine Plivo says a machine answered
     * @param hangupCause Plivo's cause of the call's end, for its event ({@code ""}: none, or not an end)
     * @param fields field/value pairs stored with the report
     */
    record Report(String status, int stage, boolean machine, String hangupCause, String... fields) {
    }

    /**
     * What a ring or hangup callback's round trip found.
     *
     * @param replay the callback's nonce was seen before: nothing was read or changed
     * @param recorded the report as applied; empty for a replay, or when the token names no call
     */
    record FirstReport(boolean replay, Optional<Recorded> recorded) {
    }

    /** Applies {@code report} to the call {@code token} of verification {@code verificationId}. */
    Recorded record(String token, String verificationId, Report report) {
        Instant now = clock.instant();
        List<String> keys = List.of(RedisKeys.verification(verificationId), WorkerRedisState.CALL_SCHEDULE, RedisKeys.callPrompt(token),
                events.outboxKey());
        List<?> reply = redis.execute(RECORD, keys, arguments(token, verificationId, report, now).toArray());
        return recorded(reply, 0, verificationId, report, now);
    }

    /**
     * A ring or hangup callback in one round trip: the first use of its nonce (remembered under {@code nonceKey} for
     * {@code nonceTtlMillis}, see {@link CallbackNonces}), then {@code report} applied to the call {@code token} names.
     */
    FirstReport recordFirstUse(String nonceKey, String nonceTtlMillis, String token, Report report) {
        Instant now = clock.instant();
        List<String> arguments = new ArrayList<>(List.of(nonceTtlMillis, VERIFICATION_KEY_PREFIX));
        // the verification id, the report's 8th argument, is read from the token's value by the script
        arguments.addAll(arguments(token, "", report, now));
        List<String> keys = List.of(nonceKey, RedisKeys.callPrompt(token), WorkerRedisState.CALL_SCHEDULE, events.outboxKey());
        List<?> reply = redis.execute(PROGRESS, keys, arguments.toArray());
        if (reply.isEmpty()) {
            return new FirstReport(true, Optional.empty());
        }
        String verificationId = String.valueOf(reply.getFirst());
        if (verificationId.isEmpty()) {
            return new FirstReport(false, Optional.empty());
        }
        return new FirstReport(false, Optional.of(recorded(reply, 1, verificationId, report, now)));
    }

    /** call-report's argv. */
    private List<String> arguments(String token, String verificationId, Report report, Instant now) {
        List<String> arguments = new ArrayList<>(List.of(token, report.status(), Integer.toString(report.stage()),
                Long.toString(now.toEpochMilli()), report.machine() ? "1" : "0", Integer.toString(1 + redial.maxAttempts()),
                Long.toString(redialDue(now).toEpochMilli()), verificationId, redialCopyMillis, report.hangupCause()));
        arguments.addAll(events.arguments(now, MOST_EVENTS));
        arguments.addAll(List.of(report.fields()));
        return arguments;
    }

    private Instant redialDue(Instant now) {
        return now.plus(redial.delay());
    }

    /** call-report's reply, from index {@code first} of the script's. */
    private Recorded recorded(List<?> reply, int first, String verificationId, Report report, Instant now) {
        events.written(reply, first + REPORT_VALUES);
        Verdict verdict = Verdict.valueOf(String.valueOf(reply.get(first + 2)).toUpperCase(Locale.ROOT));
        if (verdict == Verdict.REDIAL) {
            alarm.dueAt(redialDue(now));
        }
        if (reply.size() < first + REPORT_VALUES) {
            return new Recorded(false, false, false, verdict, report.status(), new VerificationRef(verificationId, "", null), now);
        }
        VerificationRef verification = VerificationRef.of(verificationId, String.valueOf(reply.get(first + 4)),
                String.valueOf(reply.get(first + 5)), null);
        long placedNow = ((Number) reply.get(first + 1)).longValue();
        return new Recorded(Long.valueOf(1).equals(reply.get(first)), placedNow > 0, placedNow > 1, verdict,
                String.valueOf(reply.get(first + 3)), verification, Instant.ofEpochMilli(Long.parseLong(String.valueOf(reply.get(first + 6)))));
    }
}
