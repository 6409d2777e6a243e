package dev.voiceotp.verifier;

import static dev.voiceotp.contract.verification.VerificationFields.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.data.redis.core.StringRedisTemplate;

import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;

/**
 * Writes verifications straight into Redis the way the gateway and the worker do (same key scheme, fields and
 * code hash), so the verifier's tests need neither service.
 */
public final class Verifications {

    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger();

    private final StringRedisTemplate redis;
    private final CodeHasher hasher;
    private final CodeProperties codes;
    private final Clock clock;

    public Verifications(StringRedisTemplate redis, CodeProperties codes, Clock clock) {
        this.redis = redis;
        this.hasher = codes.hasher();
        this.codes = codes;
        this.clock = clock;
    }

    /** A valid US number no other test in this JVM uses. */
    public static String uniquePhoneNumber() {
        return "+1415555%04d".formatted(NEXT_NUMBER.incrementAndGet());
    }

    /** A pending verification whose code the worker has issued; it becomes the newest for the number. */
    public String pending(String appId, String phoneNumber, String code) {
        return pending(UUID.randomUUID().toString(), appId, phoneNumber, code);
    }

    /** As {@link #pending(String, String, String)} under a chosen id, as a record published to Kafka could ask. */
    public String pending(String id, String appId, String phoneNumber, String code) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(codes.ttl());
        String key = RedisKeys.verification(id);
        redis.opsForHash().putAll(key, Map.of(
                APP, appId,
                PHONE, phoneNumber,
                STATUS, "pending",
                CREATED_AT, Long.toString(now.toEpochMilli()),
                EXPIRES_AT, Long.toString(expiresAt.toEpochMilli()),
                FAILED_ATTEMPTS, "0",
                CODE_HASH, hasher.hash(id, code)));
        Duration keep = codes.ttl().plus(codes.retention());
        redis.expire(key, keep);
        redis.opsForValue().set(RedisKeys.latestForNumber(appId, phoneNumber), id, keep);
        return id;
    }

    /** Makes {@code id} the newest verification of the app for {@code phoneNumber}, whatever number it was for. */
    public void indexUnder(String appId, String phoneNumber, String id) {
        redis.opsForValue().set(RedisKeys.latestForNumber(appId, phoneNumber), id, codes.ttl());
    }

    /** Adds the verification to the pending-expiries set under its expiry, as the gateway does on creation. */
    public void awaitExpiry(String id) {
        Object expiresAt = redis.opsForHash().get(RedisKeys.verification(id), EXPIRES_AT);
        redis.opsForZSet().add(RedisKeys.pendingExpiries(), id, Double.parseDouble(String.valueOf(expiresAt)));
    }

    /** Changes one field, as the gateway or the worker would (for example status=failed after a refused call). */
    public void set(String id, String field, String value) {
        redis.opsForHash().put(RedisKeys.verification(id), field, value);
    }

    public void remove(String id, String field) {
        redis.opsForHash().delete(RedisKeys.verification(id), field);
    }

    public Map<Object, Object> hash(String id) {
        return redis.opsForHash().entries(RedisKeys.verification(id));
    }
}
