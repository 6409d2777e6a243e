package dev.voiceotp.verifier.check;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.CheckTarget;
import dev.voiceotp.contract.check.CodeCheck;
import dev.voiceotp.contract.check.FailureBudget;
import dev.voiceotp.contract.check.MalformedCodeException;
import dev.voiceotp.contract.verification.RedisKeys;

/**
 * Checks a code for a producer app, by verification id or against the newest verification the app created for
 * a number. Used by the API and by the guide's endpoint, so both count attempts, spend the number's failure
 * budget, lock and report in the same way.
 *
 * <p>The check itself is the shared {@link CodeCheck} (shape, hashing, the script, the event), sent without
 * blocking; this adds the lookup of a number's newest verification and the request limits of the API.
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

    private final CodeCheck codeCheck;
    private final CheckLimits limits;
    private final CheckConnection connection;

    CodeChecker(CodeCheck codeCheck, CheckLimits limits, CheckConnection connection) {
        this.codeCheck = codeCheck;
        this.limits = limits;
        this.connection = connection;
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
            return check(CheckTarget.byId(appId, verificationId), clientAddress, codeCheck.requireWellFormed(appId, code));
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
            wellFormed = codeCheck.requireWellFormed(appId, code);
        } catch (MalformedCodeException e) {
            return CompletableFuture.failedFuture(e);
        }
        String latestKey = RedisKeys.latestForNumber(appId, phoneNumber);
        return connection.<@Nullable String>send(redis -> redis.get(latestKey))
                .thenCompose(id -> check(CheckTarget.forNumber(appId, id == null ? NO_VERIFICATION : id, phoneNumber, budget),
                        clientAddress, wellFormed));
    }

    private CompletableFuture<CheckOutcome> check(CheckTarget target, @Nullable String clientAddress, String code) {
        return codeCheck.check(limits.applyTo(target, clientAddress), code);
    }
}
