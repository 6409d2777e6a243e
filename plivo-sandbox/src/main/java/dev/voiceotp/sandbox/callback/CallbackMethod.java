package dev.voiceotp.sandbox.callback;

import java.util.Locale;
import java.util.Optional;

/** The two methods Plivo accepts for {@code answer_method} and {@code hangup_method}. */
public enum CallbackMethod {
    GET, POST;

    /** The method named in a Call API field; empty when the value is neither GET nor POST. */
    public static Optional<CallbackMethod> parse(String value) {
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "GET" -> Optional.of(GET);
            case "POST" -> Optional.of(POST);
            default -> Optional.empty();
        };
    }
}
