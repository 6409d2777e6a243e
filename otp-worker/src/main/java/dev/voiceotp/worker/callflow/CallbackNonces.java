package dev.voiceotp.worker.callflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.worker.WorkerProperties;
import dev.voiceotp.worker.WorkerRedisState;

/**
 * Remembers the nonce of every signed callback for a while (Redis {@code SET NX} with a TTL), so that a
 * captured callback sent again, same signature and same nonce, is recognized as a replay. Plivo's signature
 * has no timestamp, so the nonce is the only thing that tells a replay from the original. The same round trip
 * reads what the callback's call token names ({@code callback-first-use.lua}), which every callback needs next.
 *
 * <p>A callback that fails on our side (5xx) gives its nonce back after the request, so Plivo's own retry of
 * it, should it carry the same nonce, is not mistaken for a replay.
 */
@Component
class CallbackNonces implements HandlerInterceptor {

    private static final String ATTRIBUTE = CallbackNonces.class.getName() + ".key";
    private static final int MAX_PLAIN_LENGTH = 64;
    private static final RedisScript<String> FIRST_USE = LuaScript.load("scripts/callback-first-use.lua", String.class);

    private final StringRedisTemplate redis;
    private final String ttlMillis;

    CallbackNonces(StringRedisTemplate redis, WorkerProperties properties) {
        this.redis = redis;
        this.ttlMillis = Long.toString(properties.webhooks().nonceTtl().toMillis());
    }

    /**
     * The first time a nonce is seen, remembers it for the request's outcome and returns what {@code token} names: the
     * value stored behind it, {@code ""} when there is none. Null for a nonce seen before.
     */
    @Nullable String firstUse(String nonce, String token, HttpServletRequest request) {
        String key = WorkerRedisState.CALLBACK_NONCE_PREFIX + (nonce.length() <= MAX_PLAIN_LENGTH ? nonce : sha256(nonce));
        String named = redis.execute(FIRST_USE, List.of(key, RedisKeys.callPrompt(token)), ttlMillis);
        if (named != null) {
            request.setAttribute(ATTRIBUTE, key);
        }
        return named;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
        if (request.getAttribute(ATTRIBUTE) instanceof String key && (ex != null || response.getStatus() >= 500)) {
            redis.delete(key);
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
