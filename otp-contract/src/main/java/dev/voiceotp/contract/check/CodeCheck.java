package dev.voiceotp.contract.check;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.event.LockReason;
import dev.voiceotp.contract.event.VerificationEvents;
import dev.voiceotp.contract.event.VerificationRef;
import dev.voiceotp.contract.verification.CodeHashers;
import dev.voiceotp.contract.verification.CodeProperties;

/**
 * Checks one submitted code, wherever it was submitted: the verifier's API and the guide's route, and the keypad in
 * confirm-in-call mode. Every path goes through the same steps, so they can never disagree: the shape rule, the
 * keyed hash under the current secret and those still accepted during a rotation ({@link CodeProperties#checkHashers}),
 * the one atomic {@link CodeCheckScript}, and the {@code approved} or {@code locked} event of the one check the
 * script marked as the transition. The code goes into the hash and nowhere else.
 *
 * <p>Not a Spring bean: each service builds one with its way of sending the script and what it counts.
 */
public final class CodeCheck {

    /** How a service sends the script: keys and arguments in, the script's reply out. */
    @FunctionalInterface
    public interface ScriptRunner {
        CompletableFuture<List<?>> run(String[] keys, String[] arguments);
    }

    /** What a service counts; called before the outcome is handed back. */
    public interface Observer {

        void checked(String appId, CheckOutcome outcome, Instant checkedAt);

        /** A code without the configured shape: counted as {@link CheckResult#INVALID}, not as an attempt. */
        void malformed(String appId);
    }

    private final ScriptRunner runner;
    private final CodeCheckScript script;
    private final CodeHashers hashers;
    private final VerificationEvents events;
    private final Observer observer;
    private final Clock clock;
    private final int codeLength;

    public CodeCheck(ScriptRunner runner, CodeProperties codes, VerificationEvents events, Observer observer, Clock clock) {
        this.runner = runner;
        this.script = new CodeCheckScript(codes);
        this.hashers = codes.checkHashers();
        this.events = events;
        this.observer = observer;
        this.clock = clock;
        this.codeLength = codes.length();
    }

    /**
     * @return the code when it has the configured shape (exactly {@link #codeLength()} ASCII digits)
     * @throws MalformedCodeException naming the rule, never the value, after counting it as malformed
     */
    public String requireWellFormed(String appId, @Nullable String code) {
        if (code == null || code.isEmpty()) {
            observer.malformed(appId);
            throw new MalformedCodeException("is required");
        }
        if (!isWellFormed(code)) {
            observer.malformed(appId);
            throw new MalformedCodeException("must be exactly " + codeLength + " digits");
        }
        return code;
    }

    /**
     * One round trip. The code is hashed before the lookup whatever the id, so an unknown, expired or foreign id
     * costs the same time as a real one. Counting and the event are part of the returned future, not of whoever
     * waits for it: a client that hangs up after sending a code that Redis then approves still leaves exactly one
     * counted check and one {@code approved} event behind.
     *
     * @param wellFormedCode as {@link #requireWellFormed} returned it
     * @return the outcome; fails with the runner's exception when Redis cannot answer
     */
    public CompletableFuture<CheckOutcome> check(CheckTarget target, String wellFormedCode) {
        Instant now = clock.instant();
        String codeHashes = hashers.candidates(target.verificationId(), wellFormedCode);
        return runner.run(script.keys(target), script.arguments(target, codeHashes, now.toEpochMilli()))
                .thenApply(reply -> report(target.appId(), CodeCheckScript.outcome(target.verificationId(), reply), now));
    }

    /** Digits of the configured code length. */
    public int codeLength() {
        return codeLength;
    }

    private CheckOutcome report(String appId, CheckOutcome outcome, Instant now) {
        observer.checked(appId, outcome, now);
        CheckOutcome.Transition transition = outcome.transition();
        String id = outcome.verificationId();
        if (transition == null || id == null) {
            return outcome;
        }
        VerificationRef verification = new VerificationRef(id, appId, transition.country());
        switch (outcome.result()) {
            case APPROVED -> events.approved(verification, now);
            case LOCKED, BUDGET_EXHAUSTED -> events.locked(verification, lockReason(outcome.result()), now);
            default -> {
                // no other result changes the stored status, and the script marks no other as a transition
            }
        }
        return outcome;
    }

    /**
     * The reason a check with this result locked its verification.
     *
     * @throws IllegalArgumentException for a result that locks nothing
     */
    static LockReason lockReason(CheckResult result) {
        return switch (result) {
            case LOCKED -> LockReason.MAX_ATTEMPTS;
            case BUDGET_EXHAUSTED -> LockReason.NUMBER_FAILURE_BUDGET;
            default -> throw new IllegalArgumentException(result.tag() + " locks nothing");
        };
    }

    private boolean isWellFormed(String code) {
        if (code.length() != codeLength) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
