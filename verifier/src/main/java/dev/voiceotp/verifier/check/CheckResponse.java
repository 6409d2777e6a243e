package dev.voiceotp.verifier.check;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.verification.VerificationStatus;

/**
 * The answer to a check. {@code attemptsRemaining} appears only while it means something: the verification is
 * still pending, or it has just been (or already was) locked, when it is 0.
 */
record CheckResponse(
        String id,
        VerificationStatus status,
        boolean valid,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer attemptsRemaining) {

    static CheckResponse of(CheckOutcome outcome) {
        if (outcome.verificationId() == null || outcome.status() == null) {
            throw new IllegalArgumentException("a not-found outcome has no response body");
        }
        return new CheckResponse(outcome.verificationId(), outcome.status(), outcome.valid(), outcome.attemptsRemaining());
    }
}
