package dev.voiceotp.sandbox.call;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a call is, in Plivo's words: queued, then ringing, in-progress, and completed or failed. */
public enum CallStatus {
    QUEUED("queued"),
    RINGING("ringing"),
    IN_PROGRESS("in-progress"),
    COMPLETED("completed"),
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
        return this == COMPLETED || this == FAILED;
    }
}
