package dev.voiceotp.worker.attempt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.event.ScriptedEvents;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.WorkerRedisState;
import dev.voiceotp.worker.prompt.CallPromptStore;

/**
 * The exactly-once rule for calls, kept in Redis so it holds across deliveries and worker instances: a call
 * attempt is made only by the delivery that atomically claimed it, and the claim is settled as placed,
 * refused, to retry (no call exists) or ambiguous (the call may exist). Settling writes the lifecycle event of what it
 * records ({@link ScriptedEvents}): the call placed, or the verification failed by a refusal.
 */
@Component
class CallClaims {

    /**
     * The failure reason of a verification whose call may or may not exist: a claimant that died mid-placement, a
     * timed-out request never proven, a placed call whose end never reached any worker (the scripts spell it too).
     */
    static final String OUTCOME_UNKNOWN = "call_outcome_unknown";

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CLAIM = LuaScript.load("scripts/claim-call.lua", List.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SETTLE = LuaScript.load("scripts/settle-claim.lua", List.class, ScriptedEvents.LIBRARY);

    private final StringRedisTemplate redis;
    private final ScriptedEvents events;
    private final CallScheduleAlarm alarm;
    private final Clock clock;
    private final Duration staleAfter;
    private final Duration retention;

    CallClaims(StringRedisTemplate redis, ScriptedEvents events, CallScheduleAlarm alarm, Clock clock, WorkerProperties properties,
            CodeProperties code) {
        this.redis = redis;
        this.events = events;
        this.alarm = alarm;
        this.clock = clock;
        this.staleAfter = properties.retry().claimStaleAfter();
        this.retention = code.retention();
    }

    /** What the claim script decided, with what the claimant needs to know about the previous attempt. */
    record Claim(ClaimResult result, @Nullable Instant dueAt, String previousState, String previousToken, int retries) {
    }

    /**
     * How settling went: ignored (not this attempt's to settle), placed (first record of the verification's first
     * call), placed again (first record of a further call: a redial, a call placed again), recorded, or failed (the
     * verification failed now).
     */
    enum Settled {
        IGNORED, PLACED, PLACED_AGAIN, RECORDED, FAILED;

        boolean placedNow() {
            return this == PLACED || this == PLACED_AGAIN;
        }
    }

    /**
     * @param copy the attempt's call token, and the prompt copy stored behind it when claimed ({@code ""}: none)
     * @param copyLifetime how long a stored copy lives
     */
    Claim claim(OtpRequest request, long expiresAtMillis, String codeHash, CallPromptStore.SealedCopy copy, Duration copyLifetime) {
        long now = clock.millis();
        long recordTtl = Math.max(1, expiresAtMillis - now) + retention.toMillis();
        List<?> result = redis.execute(CLAIM,
                List.of(RedisKeys.verification(request.verificationId()), RedisKeys.latestForNumber(request.appId(), request.phoneNumber()),
                        RedisKeys.callPrompt(copy.token()), WorkerRedisState.CALL_SCHEDULE),
                request.verificationId(), request.appId(), request.phoneNumber(), Objects.requireNonNullElse(request.locale(), ""),
                PhoneNumbers.regionOf(request.phoneNumber()), Long.toString(request.requestedAt().toEpochMilli()),
                Long.toString(expiresAtMillis), Long.toString(recordTtl), codeHash, Long.toString(now),
                Long.toString(staleAfter.toMillis()), copy.token(), copy.value(), Long.toString(copyLifetime.toMillis()));
        ClaimResult claim = ClaimResult.fromScript(element(result, 0));
        String detail = element(result, 1);
        return switch (claim) {
            case IN_PROGRESS, SCHEDULED -> new Claim(claim, Instant.ofEpochMilli(Long.parseLong(detail)), "", "", 0);
            case CLAIMED -> new Claim(claim, null, detail, element(result, 2), Integer.parseInt(element(result, 3)));
            case STALE -> new Claim(claim, null, "", element(result, 2), 0);
            default -> new Claim(claim, null, "", "", 0);
        };
    }

    /** @param watchUntil when the call is overdue unless Plivo reports on it first; null for a PHLO run (not watched) */
    Settled placed(String verificationId, String callToken, String requestUuid, @Nullable Instant watchUntil) {
        return settle(verificationId, "placed", callToken, requestUuid, watchUntil == null ? 0 : watchUntil.toEpochMilli());
    }

    Settled refused(String verificationId, String callToken, String reason) {
        return settle(verificationId, "refused", callToken, reason, 0);
    }

    /** No call was placed; a new attempt, with a new code, is due at {@code dueAt}. */
    Settled retry(String verificationId, String callToken, Instant dueAt) {
        return settle(verificationId, "retry", callToken, "", dueAt.toEpochMilli());
    }

    /** The request went out but no answer came: wait until {@code checkAt} for a callback of this call. */
    Settled ambiguous(String verificationId, String callToken, Instant checkAt) {
        return settle(verificationId, "ambiguous", callToken, "", checkAt.toEpochMilli());
    }

    private Settled settle(String verificationId, String outcome, String callToken, String detail, long dueMillis) {
        Instant now = clock.instant();
        List<String> arguments = new ArrayList<>(List.of(outcome, Long.toString(now.toEpochMilli()), callToken, detail,
                Long.toString(dueMillis), verificationId));
        arguments.addAll(events.arguments(now, 1));
        List<?> result = redis.execute(SETTLE,
                List.of(RedisKeys.verification(verificationId), WorkerRedisState.CALL_SCHEDULE, events.outboxKey()), arguments.toArray());
        events.written(result, 1);
        if (dueMillis > 0) {
            // a retry, a check of a timed-out request or a placed call's watch may now be on the schedule
            alarm.dueAt(Instant.ofEpochMilli(dueMillis));
        }
        return Settled.valueOf(element(result, 0).toUpperCase(java.util.Locale.ROOT));
    }

    /** Element {@code index} of a script's reply as text; empty when absent. */
    static String element(@Nullable List<?> result, int index) {
        return result != null && result.size() > index && result.get(index) != null ? String.valueOf(result.get(index)) : "";
    }
}
