package dev.voiceotp.gateway.dispatch;

import java.time.Instant;

import dev.voiceotp.contract.verification.VerificationStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/** The 202 answer: the id to check the code against later, and until when the code will be accepted. */
@Schema(name = "VerificationAccepted")
record VerificationAccepted(
        @Schema(example = "0f8fad5b-d9cb-469f-a165-70867728950e") String id,
        @Schema(example = "pending") VerificationStatus status,
        @Schema(example = "+14155550123") String phoneNumber,
        Instant expiresAt) {

    static VerificationAccepted of(Dispatch dispatch) {
        return new VerificationAccepted(dispatch.id(), VerificationStatus.PENDING, dispatch.phoneNumber(), dispatch.expiresAt());
    }
}
