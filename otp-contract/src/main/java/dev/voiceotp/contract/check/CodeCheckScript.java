package dev.voiceotp.contract.check;

import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationStatus;

/**
 * Runs {@code scripts/check-code.lua}: one EVALSHA per check, which is what makes a check atomic (the
 * argument is in the script's header) and keeps it to a single Redis round trip. Spring Data Redis falls back
 * to EVAL, which also loads the script, only when the server answers NOSCRIPT, for example after a restart.
 *
 * <p>Not a Spring bean on purpose: each service declares it where it needs it.
 */
public final class CodeCheckScript {

    private final StringRedisTemplate redis;
    private final CheckScriptSource script = CheckScriptSource.load();

    public CodeCheckScript(StringRedisTemplate redis) {
        this.redis = redis;
    }

    public CheckOutcome run(String appId, String verificationId, String codeHash, long nowMillis, int maxAttempts) {
        List<String> reply = redis.execute(script, List.of(RedisKeys.verification(verificationId)),
                appId, codeHash, Long.toString(nowMillis), Integer.toString(maxAttempts));
        if (reply == null || reply.isEmpty()) {
            throw new IllegalStateException("the check script answered nothing");
        }
        CheckResult result = CheckResult.fromScript(reply.getFirst());
        if (result == CheckResult.NOT_FOUND) {
            return CheckOutcome.notFound();
        }
        VerificationStatus status = VerificationStatus.fromWireName(reply.get(1));
        Integer remaining = reply.size() > 2 ? Integer.valueOf(reply.get(2)) : null;
        return new CheckOutcome(verificationId, result, status, remaining);
    }
}
