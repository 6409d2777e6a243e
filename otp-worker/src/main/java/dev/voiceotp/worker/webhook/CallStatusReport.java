package dev.voiceotp.worker.webhook;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;

/** Writes what Plivo reports about a call onto its verification, in stage order (see record-call-event.lua). */
@Component
class CallStatusReport {

    private static final RedisScript<Long> RECORD = RedisScript.of(new ClassPathResource("scripts/record-call-event.lua"), Long.class);
    private static final int STAGE_IN_PROGRESS = 2;
    private static final int STAGE_ENDED = 3;

    private final StringRedisTemplate redis;
    private final Clock clock;

    CallStatusReport(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    void answered(String verificationId, Map<String, String> callback) {
        record(verificationId, "in-progress", STAGE_IN_PROGRESS, VerificationFields.CALL_UUID, callback.getOrDefault("CallUUID", ""));
    }

    /**
     * An answering machine picked up: the worker hangs up without a word, so this is the call's final outcome,
     * recorded as ended at once; the hangup report that follows finds the call ended and changes nothing.
     */
    void machine(String verificationId, Map<String, String> callback) {
        record(verificationId, "machine", STAGE_ENDED, VerificationFields.CALL_UUID, callback.getOrDefault("CallUUID", ""),
                VerificationFields.CALL_HANGUP_CAUSE, "Machine Detected");
    }

    void ended(String verificationId, Map<String, String> callback) {
        String status = callback.getOrDefault("CallStatus", "completed").toLowerCase(Locale.ROOT);
        String cause = callback.getOrDefault("HangupCauseName", callback.getOrDefault("HangupCause", ""));
        record(verificationId, status, STAGE_ENDED,
                VerificationFields.CALL_UUID, callback.getOrDefault("CallUUID", ""),
                VerificationFields.CALL_HANGUP_CAUSE, cause,
                VerificationFields.CALL_DURATION, digitsOnly(callback.getOrDefault("Duration", "")));
    }

    private void record(String verificationId, String status, int stage, String... fields) {
        List<String> args = new ArrayList<>(List.of(status, Integer.toString(stage), Long.toString(clock.millis())));
        args.addAll(List.of(fields));
        redis.execute(RECORD, List.of(RedisKeys.verification(verificationId)), args.toArray());
    }

    private static String digitsOnly(String value) {
        return value.chars().allMatch(Character::isDigit) ? value : "";
    }
}
