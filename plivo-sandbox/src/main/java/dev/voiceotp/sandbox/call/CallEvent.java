package dev.voiceotp.sandbox.call;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonValue;

/** One thing that happened to a call, for the inspection API: a test can see the whole story, not just the end. */
public record CallEvent(Instant at, Type type, String detail) {

    public enum Type {
        QUEUED("queued"),
        RINGING("ringing"),
        ANSWERED("answered"),
        ANSWER_URL("answer-url"),
        HANGUP("hangup"),
        HANGUP_URL("hangup-url"),
        COMPLETED("completed"),
        FAILED("failed");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        @JsonValue
        public String wireName() {
            return wireName;
        }
    }
}
