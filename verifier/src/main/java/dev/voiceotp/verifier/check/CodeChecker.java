package dev.voiceotp.verifier.check;

import java.time.Clock;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.CodeCheckScript;
import dev.voiceotp.contract.verification.CodeHashers;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;

/**
 * Checks a code for a producer app, by verification id or against the newest verification the app created for
 * a number. Used by the API and by the guide's endpoint, so both count attempts, spend the number's failure
 * budget, lock and report in the same way.
 */
@Service
public class CodeChecker {

    /**
     * Checked in place of a number's newest verification when it has none. No verification has this id (the
     * gateway draws random UUIDs), so the script answers not_found after the same hashing and the same round
     * trip as for an expired one.
     */
    private static final String NO_VERIFICATION = "00000000-0000-0000-0000-000000000000";

    private final CodeCheckScript script;
    private final StringRedisTemplate redis;
    private final OutcomeReporter reporter;
    private final CodeHashers hashers;
    private final Clock clock;
    private final int codeLength;
    private final int maxAttempts;

    CodeChecker(CodeCheckScript script, StringRedisTemplate redis, OutcomeReporter reporter, CodeProperties codes, Clock clock) {
        this.script = script;
        this.redis = redis;
        this.reporter = reporter;
        this.hashers = codes.checkHashers();
        this.clock = clock;
        this.codeLength = codes.length();
        this.maxAttempts = codes.maxAttempts();
    }

    /**
     * One Redis round trip. The code is hashed before the lookup whatever the id, so an unknown, expired or
     * foreign id costs the same time as a real one.
     *
     * @throws MalformedCodeException when the code does not have the configured shape
     */
    public CheckOutcome checkById(String appId, String verificationId, @Nullable String code) {
        return check(appId, verificationId, requireWellFormed(appId, code));
    }

    /**
     * Two round trips: the id must be known before the code can be hashed, because the hash binds the code to
     * its verification. A verification replaced by a newer one for the same number is no longer checked here.
     *
     * @param phoneNumber E.164, already validated
     * @throws MalformedCodeException when the code does not have the configured shape
     */
    public CheckOutcome checkNewestForNumber(String appId, String phoneNumber, @Nullable String code) {
        String wellFormed = requireWellFormed(appId, code);
        String verificationId = redis.opsForValue().get(RedisKeys.latestForNumber(appId, phoneNumber));
        return check(appId, verificationId == null ? NO_VERIFICATION : verificationId, wellFormed);
    }

    private CheckOutcome check(String appId, String verificationId, String code) {
        String codeHash = hashers.candidates(verificationId, code);
        Instant now = clock.instant();
        return reporter.report(appId, script.run(appId, verificationId, codeHash, now.toEpochMilli(), maxAttempts), now);
    }

    private String requireWellFormed(String appId, @Nullable String code) {
        if (code == null || code.isEmpty()) {
            reporter.invalid(appId);
            throw new MalformedCodeException("is required");
        }
        if (code.length() != codeLength || !isAsciiDigits(code)) {
            reporter.invalid(appId);
            throw new MalformedCodeException("must be exactly " + codeLength + " digits");
        }
        return code;
    }

    private static boolean isAsciiDigits(String code) {
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
