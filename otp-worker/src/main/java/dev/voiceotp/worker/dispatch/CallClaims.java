package dev.voiceotp.worker.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.worker.WorkerProperties;

/**
 * The exactly-once rule for calls, kept in Redis so it holds across deliveries and worker instances: a
 * call is placed only by the delivery that atomically claimed it, and the claim is settled as placed,
 * refused or released (no call placed, claim again later).
 */
@Component
class CallClaims {

    private static final RedisScript<List> CLAIM = RedisScript.of(new ClassPathResource("scripts/claim-call.lua"), List.class);
    private static final RedisScript<Long> SETTLE = RedisScript.of(new ClassPathResource("scripts/settle-claim.lua"), Long.class);

    private final StringRedisTemplate redis;
    private final Clock clock;
    private final Duration staleAfter;
    private final Duration retention;

    CallClaims(StringRedisTemplate redis, Clock clock, WorkerProperties properties, dev.voiceotp.contract.verification.CodeProperties code) {
        this.redis = redis;
        this.clock = clock;
        this.staleAfter = properties.retry().claimStaleAfter();
        this.retention = code.retention();
    }

    ClaimResult claim(OtpRequest request, long expiresAtMillis, String codeHash) {
        long now = clock.millis();
        long recordTtl = Math.max(1, expiresAtMillis - now) + retention.toMillis();
        List<?> result = redis.execute(CLAIM,
                List.of(RedisKeys.verification(request.verificationId()), RedisKeys.latestForNumber(request.appId(), request.phoneNumber())),
                request.verificationId(), request.appId(), request.phoneNumber(), Objects.requireNonNullElse(request.locale(), ""),
                Long.toString(request.requestedAt().toEpochMilli()), Long.toString(expiresAtMillis), Long.toString(recordTtl),
                codeHash, Long.toString(now), Long.toString(staleAfter.toMillis()));
        return ClaimResult.fromScript(String.valueOf(result.getFirst()));
    }

    void placed(String verificationId, String requestUuid) {
        settle(verificationId, "placed", requestUuid);
    }

    void refused(String verificationId, String reason) {
        settle(verificationId, "refused", reason);
    }

    void release(String verificationId) {
        settle(verificationId, "released", "");
    }

    private void settle(String verificationId, String outcome, String detail) {
        redis.execute(SETTLE, List.of(RedisKeys.verification(verificationId)), outcome, Long.toString(clock.millis()), detail);
    }
}
