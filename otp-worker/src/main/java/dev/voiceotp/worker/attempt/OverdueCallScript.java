package dev.voiceotp.worker.attempt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.WorkerRedisState;

/**
 * {@code overdue-call.lua}: settles a watched call whose end was never reported, once it must be over, atomically
 * with the verification's state.
 */
@Component
class OverdueCallScript {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> OVERDUE = LuaScript.load("scripts/overdue-call.lua", List.class);

    /** What became of the watched call. */
    enum Verdict {
        /** Nothing to settle: the call's end was reported, or the attempt is no longer a placed call. */
        NONE,
        /** Not over yet (a report came since it was watched): watched again until its new due time. */
        WATCHING,
        /** It never reached the stage where the code is spoken: the verification failed. */
        FAILED,
        /** It was answered, so the code may have been heard: only the call is settled, the verification stays pending. */
        ENDED
    }

    /** @param callToken the settled call's token (empty unless FAILED or ENDED) */
    record Settled(Verdict verdict, String callToken) {
    }

    private final StringRedisTemplate redis;
    private final CallScheduleAlarm alarm;
    private final Clock clock;
    private final Duration overdueAfter;

    OverdueCallScript(StringRedisTemplate redis, CallScheduleAlarm alarm, Clock clock, WorkerProperties properties) {
        this.redis = redis;
        this.alarm = alarm;
        this.clock = clock;
        this.overdueAfter = overdueAfter(properties);
    }

    /** How long after its last report a call must be over: it rings at most the ring timeout, lasts at most the time limit. */
    static Duration overdueAfter(WorkerProperties properties) {
        return properties.plivo().ringTimeout().plus(properties.plivo().timeLimit()).plus(properties.retry().callOutcomeGrace());
    }

    Settled settle(String verificationId) {
        List<?> result = redis.execute(OVERDUE, List.of(RedisKeys.verification(verificationId), WorkerRedisState.CALL_SCHEDULE),
                Long.toString(clock.millis()), Long.toString(overdueAfter.toMillis()), verificationId);
        Verdict verdict = Verdict.valueOf(CallClaims.element(result, 0).toUpperCase(Locale.ROOT));
        if (verdict == Verdict.WATCHING) {
            alarm.dueAt(Instant.ofEpochMilli(Long.parseLong(CallClaims.element(result, 1))));
            return new Settled(verdict, "");
        }
        return new Settled(verdict, CallClaims.element(result, 1));
    }
}
