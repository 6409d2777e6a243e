package dev.voiceotp.gateway.dispatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.verification.RedisKeys;

/**
 * The gateway's writes to Redis: each is one Lua script, so a request costs one round trip and no other
 * client ever sees half a verification. Scripts run by SHA (EVALSHA) after the first call.
 */
@Component
class VerificationStore {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CREATE = script("scripts/create-verification.lua", List.class);
    private static final RedisScript<Long> DELETE = script("scripts/delete-verification.lua", Long.class);
    private static final String VERIFICATION_KEY_PREFIX = RedisKeys.verification("");

    private final StringRedisTemplate redis;

    VerificationStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /**
     * Creates the verification {@code id}, unless the request's Idempotency-Key already names one: then that
     * one is returned, with {@link Dispatch#replayed()} set.
     *
     * @param keep how long the keys live: the code's lifetime plus the time the result stays readable
     */
    Dispatch createOrFind(String id, NewVerification request, Instant createdAt, Instant expiresAt, Duration keep) {
        List<?> found = redis.execute(CREATE, keys(id, request), id, request.appId(), request.phoneNumber(),
                request.locale() == null ? "" : request.locale(), Long.toString(createdAt.toEpochMilli()),
                Long.toString(expiresAt.toEpochMilli()), Long.toString(keep.toMillis()), VERIFICATION_KEY_PREFIX);
        String foundId = (String) found.get(0);
        return new Dispatch(foundId, (String) found.get(1), Instant.ofEpochMilli(Long.parseLong((String) found.get(2))), !foundId.equals(id));
    }

    /** Removes what {@link #createOrFind} created for {@code id}, leaving pointers that newer requests own. */
    void delete(String id, NewVerification request) {
        redis.execute(DELETE, keys(id, request), id);
    }

    /**
     * Loads a script as text once. A script built from a Resource re-checks the resource's modification time,
     * under a lock, on every call: inside a jar that costs more than the Redis round trip.
     */
    private static <T> RedisScript<T> script(String path, Class<T> resultType) {
        try {
            return RedisScript.of(new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8), resultType);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static List<String> keys(String id, NewVerification request) {
        List<String> keys = new ArrayList<>(3);
        keys.add(RedisKeys.verification(id));
        keys.add(RedisKeys.latestForNumber(request.appId(), request.phoneNumber()));
        if (request.idempotencyKey() != null) {
            keys.add(RedisKeys.idempotencyKey(request.appId(), request.idempotencyKey()));
        }
        return keys;
    }
}
