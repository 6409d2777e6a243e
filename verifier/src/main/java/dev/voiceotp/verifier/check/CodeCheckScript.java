package dev.voiceotp.verifier.check;

import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationStatus;

/**
 * Runs {@code scripts/check-code.lua}: one EVALSHA per check, which is what makes a check atomic (the
 * argument is in the script's header) and keeps it to a single Redis round trip. Spring Data Redis falls back
 * to EVAL, which also loads the script, only when the server answers NOSCRIPT, for example after a restart.
 */
@Component
class CodeCheckScript {

    private final StringRedisTemplate redis;
    private final CheckScriptSource script = CheckScriptSource.load();

    CodeCheckScript(StringRedisTemplate redis) {
        this.redis = redis;
    }

    CheckOutcome run(String appId, String verificationId, String codeHash, long nowMillis, int maxAttempts) {
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
