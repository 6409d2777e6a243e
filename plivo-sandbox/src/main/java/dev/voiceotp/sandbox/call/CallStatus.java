package dev.voiceotp.sandbox.call;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a call is, in Plivo's words: queued, ringing, in-progress, then one final status. A call also ends
 * {@code failed} when the application's callbacks failed, whatever the callee did.
 */
public enum CallStatus {
    QUEUED("queued"),
    RINGING("ringing"),
    IN_PROGRESS("in-progress"),
    COMPLETED("completed"),
    BUSY("busy"),
    NO_ANSWER("no-answer"),
    FAILED("failed");

    private final String wireName;

    CallStatus(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean isFinal() {
        return this == COMPLETED || this == BUSY || this == NO_ANSWER || this == FAILED;
    }

    /** The final status a hangup callback's {@code CallStatus} names. */
    static CallStatus ofHangup(String callStatus) {
        for (CallStatus status : values()) {
            if (status.wireName.equals(callStatus) && status.isFinal()) {
                return status;
            }
        }
        throw new IllegalArgumentException("not a final call status: " + callStatus);
    }
}
