package dev.voiceotp.gateway.lookup;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.voiceotp.contract.verification.VerificationRecord;
import dev.voiceotp.contract.verification.VerificationStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A verification as its producer app sees it. Never carries the code or its hash. The call fields stay
 * present (null) until the worker and Plivo report them, so clients see one shape throughout.
 */
@Schema(name = "Verification")
public record VerificationView(
        String id,
        @Schema(description = "pending, approved, expired, max_attempts_reached, failed or canceled") VerificationStatus status,
        String phoneNumber,
        Instant expiresAt,
        Instant createdAt,
        Call call,
        @Schema(description = "Present when status is failed or canceled: why (for canceled: canceled_by_app, replaced by a "
                + "newer verification of the number, or not_dispatched when Kafka did not take the request); also with "
                + "max_attempts_reached when the number's failure budget locked it (number_failure_budget)")
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String failureReason) {

    /** What is known about the phone call. */
    @Schema(name = "VerificationCall")
    public record Call(@Nullable String status, @Nullable String requestUuid, @Nullable String callUuid, @Nullable String hangupCause,
            @Nullable Integer durationSeconds) {
    }

    public static VerificationView of(VerificationRecord record, Instant now) {
        VerificationRecord.CallInfo call = record.call();
        return new VerificationView(record.id(), record.statusAt(now), record.phoneNumber(), record.expiresAt(), record.createdAt(),
                new Call(call.status(), call.requestUuid(), call.callUuid(), call.hangupCause(), call.durationSeconds()),
                record.failureReason());
    }
}
