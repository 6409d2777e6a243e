package dev.voiceotp.worker.dispatch;

import java.util.Arrays;

/** What {@code claim-call.lua} decided for one delivery of a request. */
enum ClaimResult {
    /** This delivery owns the call: place it. */
    CLAIMED,
    /** Another delivery holds a fresh claim and is placing the call: retry later to learn the outcome. */
    IN_PROGRESS,
    /** The call was placed, refused or is of unknown fate already: nothing to do. */
    ALREADY_PLACED,
    /** An earlier claimant died mid-placement; the verification was failed rather than risk a second call. */
    STALE,
    /** Approved, locked, canceled or failed before the call: nothing to do. */
    NOT_PENDING,
    EXPIRED,
    /** The id belongs to another producer app's verification: refuse to touch it. */
    FOREIGN;

    static ClaimResult fromScript(String value) {
        return Arrays.stream(values()).filter(result -> result.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unexpected claim result: " + value));
    }
}
