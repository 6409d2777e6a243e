package dev.voiceotp.sandbox.scenario;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the callee's side does with a fired call. */
public enum Outcome {
    /** A person answers, listens and presses the scenario's digits. */
    ANSWER("answer"),
    /** The line is busy: never answered. */
    BUSY("busy"),
    /** It rings until the ring timeout: never answered. */
    NO_ANSWER("no_answer"),
    /** A voicemail answers; machine detection finds it when asked to, and it never presses a key. */
    MACHINE("machine"),
    /** The network fails the call before it rings. */
    FAILED("failed");

    private final String wireName;

    Outcome(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
