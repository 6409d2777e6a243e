package dev.voiceotp.contract.check;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.verification.VerificationStatus;

/**
 * The answer to one check, before it is shaped for a particular endpoint.
 *
 * @param verificationId the verification checked; null when not found
 * @param result what happened
 * @param status the stored status after the check; null when not found
 * @param attemptsRemaining wrong codes still allowed; present only while pending or when locked
 * @param retryAfter with {@link CheckResult#BUDGET_EXHAUSTED}: how long until the number's failure budget window
 *     ends; with {@link CheckResult#RATE_LIMITED}: how long until the spent limit's window ends
 * @param transition present only on the one check that changed the stored status (approved or locked it)
 */
public record CheckOutcome(
        @Nullable String verificationId,
        CheckResult result,
        @Nullable VerificationStatus status,
        @Nullable Integer attemptsRemaining,
        @Nullable Duration retryAfter,
        @Nullable Transition transition) {

    public static CheckOutcome notFound() {
        return new CheckOutcome(null, CheckResult.NOT_FOUND, null, null, null, null);
    }

    /** Refused by a request limit before anything about the verification was read. */
    public static CheckOutcome rateLimited(Duration retryAfter) {
        return new CheckOutcome(null, CheckResult.RATE_LIMITED, null, null, retryAfter, null);
    }

    public boolean valid() {
        return result == CheckResult.APPROVED;
    }

    /**
     * What the caller that changed the status needs to report it, read in the same atomic step. Only one check
     * ever carries it for a verification, so events and counters built on it are never doubled by retries or
     * parallel checks.
     *
     * @param createdAt when the verification was created, for the time to verify; null if the hash lacks it
     * @param country ISO 3166 region of the number (the hash's {@code country}, else derived from the number);
     *     null when unknown
     */
    public record Transition(@Nullable Instant createdAt, @Nullable String country) {
    }
}
