package dev.voiceotp.worker.attempt;

import java.util.Arrays;

/** What {@code claim-call.lua} decided for one delivery of a request or one due entry of the call schedule. */
enum ClaimResult {
    /** This delivery owns the next call attempt: place it. */
    CLAIMED,
    /** Another delivery holds a fresh claim and is placing the call: look again once the claim would be stale. */
    IN_PROGRESS,
    /** A retry, redial or check of this verification's call is on the call schedule, not yet due. */
    SCHEDULED,
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
