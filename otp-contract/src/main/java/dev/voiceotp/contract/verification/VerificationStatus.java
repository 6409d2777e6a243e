package dev.voiceotp.contract.verification;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle of a verification, as the API shows it. */
public enum VerificationStatus {
    PENDING("pending"),
    APPROVED("approved"),
    /** Derived, never stored: a pending verification whose expiry has passed. */
    EXPIRED("expired"),
    MAX_ATTEMPTS_REACHED("max_attempts_reached"),
    FAILED("failed"),
    CANCELED("canceled");

    private final String wireName;

    VerificationStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static VerificationStatus fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(status -> status.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown verification status: " + wireName));
    }
}
