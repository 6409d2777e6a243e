package dev.voiceotp.contract.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationStatus;

/**
 * Runs {@code scripts/check-code.lua}: one EVALSHA per check, which is what makes a check atomic (the
 * argument is in the script's header) and keeps it to a single Redis round trip. Spring Data Redis falls back
 * to EVAL, which also loads the script, only when the server answers NOSCRIPT, for example after a restart.
 *
 * <p>The per-number failure budget is part of every check; build this with the service's {@link CodeProperties}
 * so the verifier and the worker's confirm-in-call mode count against the same budget and window.
 *
 * <p>Not a Spring bean on purpose: each service declares it where it needs it.
 */
public final class CodeCheckScript {

    /** The script, for callers that send it themselves (the verifier's non-blocking connection). */
    @SuppressWarnings({"unchecked", "rawtypes"}) // a Lua table comes back as a List; the script returns only strings
    public static final LuaScript<List<String>> SCRIPT = LuaScript.load("scripts/check-code.lua", (Class) List.class);
    private static final String FAILURES_KEY_PREFIX = RedisKeys.numberFailures("");

    private final StringRedisTemplate redis;
    private final String numberFailureBudget;
    private final String numberFailureWindowMillis;

    public CodeCheckScript(StringRedisTemplate redis, CodeProperties codes) {
        this(redis, codes.numberFailureBudget(), codes.numberFailureWindow());
    }

    /** With the default failure budget ({@link CodeProperties#DEFAULT_NUMBER_FAILURE_BUDGET} per hour). */
    public CodeCheckScript(StringRedisTemplate redis) {
        this(redis, CodeProperties.DEFAULT_NUMBER_FAILURE_BUDGET, CodeProperties.DEFAULT_NUMBER_FAILURE_WINDOW);
    }

    private CodeCheckScript(StringRedisTemplate redis, int numberFailureBudget, Duration numberFailureWindow) {
        this.redis = redis;
        this.numberFailureBudget = Integer.toString(numberFailureBudget);
        this.numberFailureWindowMillis = Long.toString(numberFailureWindow.toMillis());
    }

    public CheckOutcome run(String appId, String verificationId, String codeHash, long nowMillis, int maxAttempts) {
        List<String> reply = redis.execute(SCRIPT, List.of(RedisKeys.verification(verificationId)),
                appId, codeHash, Long.toString(nowMillis), Integer.toString(maxAttempts),
                numberFailureBudget, numberFailureWindowMillis, FAILURES_KEY_PREFIX);
        return outcome(verificationId, reply);
    }

    /**
     * The script's reply as an outcome (reply format in the script's header); for callers that send the script
     * themselves, such as the verifier's non-blocking connection.
     */
    public static CheckOutcome outcome(String verificationId, @Nullable List<?> reply) {
        if (reply == null || reply.isEmpty()) {
            throw new IllegalStateException("the check script answered nothing");
        }
        CheckResult result = CheckResult.fromScript(element(reply, 0));
        if (result == CheckResult.NOT_FOUND) {
            return CheckOutcome.notFound();
        }
        if (result == CheckResult.RATE_LIMITED) {
            return CheckOutcome.rateLimited(Duration.ofMillis(Long.parseLong(element(reply, 3))));
        }
        VerificationStatus status = VerificationStatus.fromWireName(element(reply, 1));
        String remaining = element(reply, 2);
        String retryAfterMillis = element(reply, 3);
        return new CheckOutcome(verificationId, result, status,
                remaining.isEmpty() ? null : Integer.valueOf(remaining),
                retryAfterMillis.isEmpty() ? null : Duration.ofMillis(Long.parseLong(retryAfterMillis)),
                "1".equals(element(reply, 4)) ? transition(reply) : null);
    }

    private static CheckOutcome.Transition transition(List<?> reply) {
        String createdAt = element(reply, 5);
        return new CheckOutcome.Transition(createdAt.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(createdAt)),
                PhoneNumbers.regionOf(element(reply, 6), element(reply, 7)));
    }

    private static String element(List<?> reply, int index) {
        return reply.size() > index && reply.get(index) != null ? String.valueOf(reply.get(index)) : "";
    }
}
