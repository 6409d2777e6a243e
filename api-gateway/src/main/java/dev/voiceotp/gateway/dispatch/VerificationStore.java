package dev.voiceotp.gateway.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.gateway.GatewayProperties;
import dev.voiceotp.gateway.GatewayRedisKeys;
import dev.voiceotp.gateway.refusal.RefusalReason;
import dev.voiceotp.gateway.spend.SpendWindow;

/**
 * The gateway's writes to Redis for a dispatch: each is one Lua script, so a request costs one round trip and no
 * other client ever sees half a decision. The resend rules, the per-number call caps and the spend caps are
 * decided inside the create script, where parallel requests cannot race past them.
 */
@Component
class VerificationStore {

    /** What an Idempotency-Key replays, one definition for both scripts that read it. */
    private static final String IDEMPOTENCY_KEYS = "scripts/idempotency-keys.lua";
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CREATE = LuaScript.load("scripts/create-verification.lua", List.class, IDEMPOTENCY_KEYS);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> REPLAY = LuaScript.load("scripts/idempotent-replay.lua", List.class, IDEMPOTENCY_KEYS);
    private static final RedisScript<Long> NOT_DISPATCHED = LuaScript.load("scripts/mark-not-dispatched.lua", Long.class);
    /** What mark-not-dispatched.lua answers for a verification whose call a worker has already claimed. */
    private static final long CLAIMED_BY_A_WORKER = 2;
    private static final String VERIFICATION_KEY_PREFIX = RedisKeys.verification("");

    private final StringRedisTemplate redis;
    private final GatewayProperties.Resend resend;
    private final Duration keep;

    VerificationStore(StringRedisTemplate redis, GatewayProperties properties, CodeProperties code) {
        this.redis = redis;
        this.resend = properties.resend();
        // the code's lifetime plus the time the result stays readable
        this.keep = code.ttl().plus(code.retention());
    }

    /**
     * Creates the verification {@code id}, unless the request is a replay, a resend inside the cooldown, or over a
     * cap. Creating charges the call to the number's and the spend counters.
     */
    Creation create(String id, NewVerification request, String country, Instant createdAt, Instant expiresAt, SpendWindow spend) {
        List<?> reply = redis.execute(CREATE, keys(id, request, spend), id, request.appId(), request.phoneNumber(),
                orEmpty(request.locale()), millis(createdAt), millis(expiresAt), Long.toString(keep.toMillis()),
                VERIFICATION_KEY_PREFIX, country, request.delivery() == null ? "" : request.delivery().wireName(),
                Long.toString(resend.cooldown().toMillis()), Integer.toString(resend.maxPerHour()),
                Integer.toString(resend.maxPerDay()), Integer.toString(spend.appCap()), millis(spend.appWindowEnd()),
                Integer.toString(spend.countryCap()), millis(spend.countryWindowEnd()),
                request.verificationId() != null ? "1" : "");
        String outcome = (String) reply.get(0);
        if ("id_in_use".equals(outcome)) {
            return new Creation.IdInUse(id);
        }
        if ("refused".equals(outcome)) {
            return new Creation.Refused(RefusalReason.fromTag((String) reply.get(1)),
                    Duration.ofMillis(Long.parseLong((String) reply.get(2))));
        }
        Dispatch dispatch = new Dispatch((String) reply.get(1), (String) reply.get(2),
                Instant.ofEpochMilli(Long.parseLong((String) reply.get(3))));
        return switch (outcome) {
            case "created" -> new Creation.Created(dispatch, emptyToNull((String) reply.get(4)));
            case "replay" -> new Creation.Replayed(dispatch);
            case "pending" -> new Creation.PendingReused(dispatch);
            default -> throw new IllegalStateException("create script answered " + outcome);
        };
    }

    /**
     * The verification the request's Idempotency-Key named before, as the create script would replay it; empty without
     * a key, or when the key names none (any more).
     */
    Optional<Dispatch> earlier(NewVerification request) {
        if (request.idempotencyKey() == null) {
            return Optional.empty();
        }
        List<?> reply = redis.execute(REPLAY, List.of(RedisKeys.idempotencyKey(request.appId(), request.idempotencyKey())),
                VERIFICATION_KEY_PREFIX);
        if (reply == null || reply.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Dispatch((String) reply.get(0), (String) reply.get(1), Instant.ofEpochMilli(Long.parseLong((String) reply.get(2)))));
    }

    /**
     * Cancels {@code id} with reason {@code not_dispatched} and undoes the rest of its creation (pointers, charges,
     * the replacement of an older verification), so that a retry starts clean; unless a worker has already claimed
     * its call, in which case nothing changes.
     *
     * @return false when a worker has claimed the call: the request reached Kafka after all, and is under way
     */
    boolean markNotDispatched(String id, NewVerification request, Instant createdAt, @Nullable String replacedId,
            SpendWindow spend, Instant now) {
        Long result = redis.execute(NOT_DISPATCHED, keys(id, request, spend), id, millis(now), orEmpty(replacedId),
                VERIFICATION_KEY_PREFIX, millis(createdAt));
        return result == null || result != CLAIMED_BY_A_WORKER;
    }

    /** The same keys, in the same order, for both scripts. */
    private static List<String> keys(String id, NewVerification request, SpendWindow spend) {
        List<String> keys = new ArrayList<>(7);
        keys.add(RedisKeys.verification(id));
        keys.add(RedisKeys.latestForNumber(request.appId(), request.phoneNumber()));
        keys.add(GatewayRedisKeys.numberCalls(request.phoneNumber()));
        keys.add(spend.appKey());
        keys.add(spend.countryKey());
        keys.add(RedisKeys.pendingExpiries());
        if (request.idempotencyKey() != null) {
            keys.add(RedisKeys.idempotencyKey(request.appId(), request.idempotencyKey()));
        }
        return keys;
    }

    private static String millis(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static @Nullable String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
