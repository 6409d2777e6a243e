package dev.voiceotp.verifier.check;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.CodeCheckScript;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;

/**
 * Runs the shared check script ({@code scripts/check-code.lua} from otp-contract, whose header argues why one run is
 * atomic) without blocking a thread: one EVALSHA per check, and EVAL, which also loads the script, only when Redis
 * answers NOSCRIPT (after a restart or a SCRIPT FLUSH). Arguments and reply are exactly those of the contract's
 * {@code CodeCheckScript}, which the worker's confirm-in-call mode runs through Spring's blocking template; a test
 * holds both to the same outcomes.
 *
 * <p>Everything that does not change between checks (the script and its digest, loaded once in the contract, the limits as text, the key prefix) is
 * prepared once.
 */
final class CheckScript {

    private final CheckConnection connection;
    private final String maxAttempts;
    private final String numberFailureBudget;
    private final String numberFailureWindowMillis;

    CheckScript(CheckConnection connection, CodeProperties codes) {
        this.connection = connection;
        this.maxAttempts = Integer.toString(codes.maxAttempts());
        this.numberFailureBudget = Integer.toString(codes.numberFailureBudget());
        this.numberFailureWindowMillis = Long.toString(codes.numberFailureWindow().toMillis());
    }

    /**
     * Without request limits. Completes with the outcome, or with a Lettuce {@code RedisException} when Redis
     * cannot answer.
     */
    CompletableFuture<CheckOutcome> run(String appId, String verificationId, String codeHash, long nowMillis) {
        return run(appId, verificationId, codeHash, nowMillis, "", FailureBudget.SHARED, "", "");
    }

    /**
     * As {@link #run(String, String, String, long)}, answering not_found unless the verification was issued for
     * {@code phoneNumber} (E.164; empty to check by id alone), counting a wrong code in {@code budget}, and
     * counting the check against the request limits ({@link CheckLimits}; empty for none).
     */
    CompletableFuture<CheckOutcome> run(String appId, String verificationId, String codeHash, long nowMillis, String phoneNumber,
            FailureBudget budget, String callerLimits, String numberLimit) {
        String[] keys = {RedisKeys.verification(verificationId)};
        String[] args = {appId, codeHash, Long.toString(nowMillis), maxAttempts, numberFailureBudget, numberFailureWindowMillis,
                budget.keyPrefix(), phoneNumber, callerLimits, numberLimit};
        return send(keys, args, false)
                .exceptionallyCompose(failure -> cause(failure) instanceof RedisNoScriptException ? send(keys, args, true)
                        : CompletableFuture.failedFuture(cause(failure)))
                .thenApply(reply -> outcome(verificationId, reply));
    }

    private CompletableFuture<List<Object>> send(String[] keys, String[] args, boolean withText) {
        return connection.send(redis -> withText
                ? redis.<List<Object>>eval(CodeCheckScript.SCRIPT.text(), ScriptOutputType.MULTI, keys, args)
                : redis.<List<Object>>evalsha(CodeCheckScript.SCRIPT.sha1(), ScriptOutputType.MULTI, keys, args));
    }

    /** The script's reply, read exactly as the contract's {@link CodeCheckScript} reads it. */
    static CheckOutcome outcome(String verificationId, List<Object> reply) {
        return CodeCheckScript.outcome(verificationId, reply);
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
