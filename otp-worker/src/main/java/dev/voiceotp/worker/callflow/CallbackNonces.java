package dev.voiceotp.worker.callflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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
 * reads what the callback's call token names ({@code callback-first-use.lua}), which every callback needs next,
 * and, for the callbacks that read the code to the callee, the verification it belongs to. For the ring and hangup
 * callbacks it also applies their report ({@link CallEventScript#recordFirstUse}): a nonce is then never used up
 * without its report applied.
 *
 * <p>A callback that fails on our side (5xx) gives its nonce back after the request, so Plivo's own retry of
 * it, should it carry the same nonce, is not mistaken for a replay.
 */
@Component
class CallbackNonces implements HandlerInterceptor {

    private static final String ATTRIBUTE = CallbackNonces.class.getName() + ".key";
    private static final int MAX_PLAIN_LENGTH = 64;
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> FIRST_USE = LuaScript.load("scripts/callback-first-use.lua", List.class);
    private static final String VERIFICATION_KEY_PREFIX = RedisKeys.verification("");

    private final StringRedisTemplate redis;
    private final CallEventScript reports;
    private final String ttlMillis;

    CallbackNonces(StringRedisTemplate redis, CallEventScript reports, WorkerProperties properties) {
        this.redis = redis;
        this.reports = reports;
        this.ttlMillis = Long.toString(properties.webhooks().nonceTtl().toMillis());
    }

    /**
     * What a callback's first round trip read.
     *
     * @param named the value stored behind the call token, {@code ""} when there is none
     * @param verification the hash of the verification it names, when asked for and still there; empty otherwise
     */
    record FirstUse(String named, Map<String, String> verification) {
    }

    /**
     * The first time a nonce is seen, remembers it for the request's outcome and returns what {@code token} names, with
     * the verification it names when {@code withVerification}. Null for a nonce seen before.
     */
    @Nullable FirstUse firstUse(String nonce, String token, boolean withVerification, HttpServletRequest request) {
        String key = key(nonce);
        List<String> keys = List.of(key, RedisKeys.callPrompt(token));
        List<?> read = withVerification ? redis.execute(FIRST_USE, keys, ttlMillis, VERIFICATION_KEY_PREFIX)
                : redis.execute(FIRST_USE, keys, ttlMillis);
        if (read == null || read.isEmpty()) {
            return null;
        }
        request.setAttribute(ATTRIBUTE, key);
        return new FirstUse(String.valueOf(read.getFirst()), LuaScript.hashFrom(read, 1));
    }

    /**
     * The first time a nonce is seen, remembers it for the request's outcome and applies {@code report} to the call
     * {@code token} names, in the same round trip.
     */
    CallEventScript.FirstReport firstReport(String nonce, String token, CallEventScript.Report report, HttpServletRequest request) {
        String key = key(nonce);
        CallEventScript.FirstReport first = reports.recordFirstUse(key, ttlMillis, token, report);
        if (!first.replay()) {
            request.setAttribute(ATTRIBUTE, key);
        }
        return first;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable Exception ex) {
        if (request.getAttribute(ATTRIBUTE) instanceof String key && (ex != null || response.getStatus() >= 500)) {
            redis.delete(key);
        }
    }

    private static String key(String nonce) {
        return WorkerRedisState.CALLBACK_NONCE_PREFIX + (nonce.length() <= MAX_PLAIN_LENGTH ? nonce : sha256(nonce));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
