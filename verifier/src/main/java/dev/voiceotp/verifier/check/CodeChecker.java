package dev.voiceotp.verifier.check;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.verification.CodeHashers;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;

/**
 * Checks a code for a producer app, by verification id or against the newest verification the app created for
 * a number. Used by the API and by the guide's endpoint, so both count attempts, spend the number's failure
 * budget, lock and report in the same way.
 *
 * <p>Answers with futures that complete on Redis's reply. Counting and reporting are part of that future, not of
 * whoever waits for it: a client that hangs up after sending a code that Redis then approves still leaves exactly
 * one {@code approved} event and one counted check behind.
 */
@Service
public class CodeChecker {

    /**
     * Checked in place of a number's newest verification when it has none, so the answer comes after the same
     * hashing and the same round trip as for an expired one. It is not a well-formed verification id
     * ({@code OtpRequest.isWellFormedVerificationId}), so neither the gateway nor a record published straight to
     * Kafka can ever create a verification under it.
     */
    static final String NO_VERIFICATION = "no verification";

    private final CheckScript script;
    private final CheckLimits limits;
    private final CheckConnection connection;
    private final OutcomeReporter reporter;
    private final CodeHashers hashers;
    private final Clock clock;
    private final int codeLength;

    CodeChecker(CheckScript script, CheckLimits limits, CheckConnection connection, OutcomeReporter reporter, CodeProperties codes,
            Clock clock) {
        this.script = script;
        this.limits = limits;
        this.connection = connection;
        this.reporter = reporter;
        this.hashers = codes.checkHashers();
        this.clock = clock;
        this.codeLength = codes.length();
    }

    /**
     * One Redis round trip, which also counts the check against the request limits of the client address, the
     * app and the number ({@link CheckLimits}). The code is hashed before the lookup whatever the id, so an
     * unknown, expired or foreign id costs the same time as a real one.
     *
     * @param clientAddress whom the per-address limit counts, null for no per-address limit
     * @return the outcome; fails with {@link MalformedCodeException} when the code does not have the configured
     *     shape, with a Lettuce {@code RedisException} when Redis cannot answer
     */
    public CompletableFuture<CheckOutcome> checkById(String appId, @Nullable String clientAddress, String verificationId,
            @Nullable String code) {
        try {
            return check(appId, clientAddress, verificationId, requireWellFormed(appId, code), "", FailureBudget.SHARED);
        } catch (MalformedCodeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Two round trips: the id must be known before the code can be hashed, because the hash binds the code to
     * its verification. A verification replaced by a newer one for the same number is no longer checked here,
     * and the script approves only a verification that was issued for this very number.
     *
     * @param clientAddress as for {@link #checkById}
     * @param phoneNumber E.164, already validated
     * @param budget the per-number failure counter a wrong code spends
     * @return as {@link #checkById}
     */
    public CompletableFuture<CheckOutcome> checkNewestForNumber(String appId, @Nullable String clientAddress, String phoneNumber,
            @Nullable String code, FailureBudget budget) {
        String wellFormed;
        try {
            wellFormed = requireWellFormed(appId, code);
        } catch (MalformedCodeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String latestKey = RedisKeys.latestForNumber(appId, phoneNumber);
        return connection.<@Nullable String>send(redis -> redis.get(latestKey))
                .thenCompose(id -> check(appId, clientAddress, id == null ? NO_VERIFICATION : id, wellFormed, phoneNumber, budget));
    }

    /** {@code phoneNumber} empty to check by id alone. */
    private CompletableFuture<CheckOutcome> check(String appId, @Nullable String clientAddress, String verificationId, String code,
            String phoneNumber, FailureBudget budget) {
        String codeHash = hashers.candidates(verificationId, code);
        Instant now = clock.instant();
        return script.run(appId, verificationId, codeHash, now.toEpochMilli(), phoneNumber, budget,
                limits.callerLimits(clientAddress, appId), limits.numberLimit())
                .thenApply(outcome -> reporter.report(appId, outcome, now));
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
