package dev.voiceotp.contract.check;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.verification.VerificationStatus;

/**
 * The answer to one check, before it is shaped for a particular endpoint.
 *
 * @param verificationId the verification checked; null when not found
 * @param result what happened
 * @param status the stored status after the check; null when not found
 * @param attemptsRemaining wrong codes still allowed; present only while pending or when locked
 */
public record CheckOutcome(
        @Nullable String verificationId,
        CheckResult result,
        @Nullable VerificationStatus status,
        @Nullable Integer attemptsRemaining) {

    public static CheckOutcome notFound() {
        return new CheckOutcome(null, CheckResult.NOT_FOUND, null, null);
    }

    public boolean valid() {
        return result == CheckResult.APPROVED;
    }
}
