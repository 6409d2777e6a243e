package dev.voiceotp.sandbox.call;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One thing that happened to a call, for the inspection API: a test can see the whole story, not just the end.
 * Details name what happened, never what was said or typed (that is in {@code spokenText} and {@code digitsPressed}).
 */
public record CallEvent(Instant at, Type type, String detail) {

    public enum Type {
        API_REQUEST("api_request"),
        QUEUED("queued"),
        RINGING("ringing"),
        ANSWERED("answered"),
        MACHINE_DETECTED("machine_detected"),
        ANSWER_URL("answer_url"),
        SPEAK("speak"),
        WAIT("wait"),
        GET_DIGITS("get_digits"),
        DIGITS_SENT("digits_sent"),
        REDIRECT("redirect"),
        UNSUPPORTED("unsupported"),
        TIME_LIMIT("time_limit"),
        HANGUP("hangup"),
        CALLBACK("callback"),
        CALLBACK_FAILED("callback_failed"),
        CALLBACK_REPLAYED("callback_replayed"),
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
