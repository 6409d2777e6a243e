package dev.voiceotp.contract.verification;

import static dev.voiceotp.contract.verification.VerificationFields.*;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Read model of the verification hash. The status it reports is derived: a pending verification past
 * its expiry reads as {@link VerificationStatus#EXPIRED}, whatever Redis still holds.
 */
public record VerificationRecord(
        String id,
        String appId,
        String phoneNumber,
        @Nullable String locale,
        VerificationStatus storedStatus,
        Instant createdAt,
        Instant expiresAt,
        int failedAttempts,
        @Nullable String failureReason,
        CallInfo call) {

    /** What the worker and Plivo's callbacks reported about the call; every field may be absent. */
    public record CallInfo(@Nullable String status, @Nullable String requestUuid, @Nullable String callUuid,
            @Nullable String hangupCause, @Nullable Integer durationSeconds, @Nullable Instant updatedAt) {
    }

    public static Optional<VerificationRecord> fromHash(String id, Map<String, String> hash) {
        if (hash.isEmpty() || !hash.containsKey(APP) || !hash.containsKey(STATUS)) {
            return Optional.empty();
        }
        CallInfo call = new CallInfo(hash.get(CALL_STATUS), hash.get(CALL_REQUEST_UUID), hash.get(CALL_UUID),
                hash.get(CALL_HANGUP_CAUSE), parseInt(hash.get(CALL_DURATION)), parseInstant(hash.get(CALL_UPDATED_AT)));
        return Optional.of(new VerificationRecord(id, hash.get(APP), hash.get(PHONE), hash.get(LOCALE),
                VerificationStatus.fromWireName(hash.get(STATUS)), Instant.ofEpochMilli(Long.parseLong(hash.get(CREATED_AT))),
                Instant.ofEpochMilli(Long.parseLong(hash.get(EXPIRES_AT))),
                Optional.ofNullable(parseInt(hash.get(FAILED_ATTEMPTS))).orElse(0), hash.get(FAILURE_REASON), call));
    }

    /** The status a client sees at {@code now}. */
    public VerificationStatus statusAt(Instant now) {
        if (storedStatus == VerificationStatus.PENDING && !now.isBefore(expiresAt)) {
            return VerificationStatus.EXPIRED;
        }
        return storedStatus;
    }

    public boolean belongsTo(String appId) {
        return this.appId.equals(appId);
    }

    private static @Nullable Integer parseInt(@Nullable String value) {
        return value == null || value.isEmpty() ? null : Integer.valueOf(value);
    }

    private static @Nullable Instant parseInstant(@Nullable String epochMillis) {
        return epochMillis == null || epochMillis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(epochMillis));
    }
}
