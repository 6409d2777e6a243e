package dev.voiceotp.contract.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;

import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.redis.LuaScript;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationStatus;

/**
 * {@code scripts/check-code.lua}, the one atomic step of every check (the argument is in the script's header): its
 * keys and arguments for a {@link CheckTarget}, and its reply as a {@link CheckOutcome}. One EVALSHA per check;
 * how it is sent is the service's ({@link CodeCheck.ScriptRunner}): the verifier without blocking, the worker's
 * confirm-in-call mode on Spring's template ({@link #onTemplate}).
 *
 * <p>Built from the service's {@link CodeProperties}, so the verifier and confirm-in-call count attempts and the
 * per-number failure budget in the same way.
 */
public final class CodeCheckScript {

    @SuppressWarnings({"unchecked", "rawtypes"}) // a Lua table comes back as a List; the script returns only strings
    public static final LuaScript<List<String>> SCRIPT = LuaScript.load("scripts/check-code.lua", (Class) List.class);

    private final String maxAttempts;
    private final String numberFailureBudget;
    private final String numberFailureWindowMillis;

    public CodeCheckScript(CodeProperties codes) {
        this.maxAttempts = Integer.toString(codes.maxAttempts());
        this.numberFailureBudget = Integer.toString(codes.numberFailureBudget());
        this.numberFailureWindowMillis = Long.toString(codes.numberFailureWindow().toMillis());
    }

    /** Sends the script on a blocking template (EVAL only after NOSCRIPT, as Spring Data Redis does). */
    public static CodeCheck.ScriptRunner onTemplate(StringRedisTemplate redis) {
        return (keys, arguments) -> CompletableFuture.completedFuture(redis.execute(SCRIPT, List.of(keys), (Object[]) arguments));
    }

    public String[] keys(CheckTarget target) {
        return new String[] {RedisKeys.verification(target.verificationId())};
    }

    /** ARGV as the script's header lists them; {@code codeHashes} as {@link dev.voiceotp.contract.verification.CodeHashers} writes them. */
    public String[] arguments(CheckTarget target, String codeHashes, long nowMillis) {
        return new String[] {target.appId(), codeHashes, Long.toString(nowMillis), maxAttempts, numberFailureBudget,
                numberFailureWindowMillis, target.failureBudget().keyPrefix(), target.phoneNumber(), target.callerLimits(),
                target.numberLimit()};
    }

    /** Runs the script on a blocking template and reads its reply: for scripts' tests and tools. */
    public CheckOutcome run(StringRedisTemplate redis, CheckTarget target, String codeHashes, long nowMillis) {
        return outcome(target.verificationId(), onTemplate(redis).run(keys(target), arguments(target, codeHashes, nowMillis)).join());
    }

    /** The script's reply as an outcome (reply format in the script's header). */
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
