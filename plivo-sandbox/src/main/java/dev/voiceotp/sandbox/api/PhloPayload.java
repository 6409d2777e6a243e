package dev.voiceotp.sandbox.api;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.sandbox.call.PhoneFormat;

/**
 * The Start node's keys of the guide's voice-OTP PHLO, validated: {@code from}, {@code to} (a valid number, else 400
 * as for a call) and {@code otp} (digits; a JSON number is read as its digits).
 */
record PhloPayload(String from, String to, String otp) {

    static PhloPayload of(Map<String, Object> payload) {
        String from = text(payload, "from");
        String to = text(payload, "to");
        String otp = text(payload, "otp");
        if (from == null || !PhoneFormat.isDialable(from)) {
            throw PlivoApiException.badRequest("from must be a phone number");
        }
        if (to == null || to.isBlank()) {
            throw PlivoApiException.badRequest("to is required");
        }
        if (!PhoneFormat.isCallable(to)) {
            throw PlivoApiException.invalidNumber();
        }
        if (otp == null || !otp.matches("\\d{1,20}")) {
            throw PlivoApiException.badRequest("otp must be digits");
        }
        return new PhloPayload(PhoneFormat.e164(from), PhoneFormat.e164(to), otp);
    }

    static @Nullable String toAsSent(Map<String, Object> payload) {
        String to = text(payload, "to");
        return to == null ? null : PhoneFormat.e164(to);
    }

    private static @Nullable String text(Map<String, Object> payload, String key) {
        return switch (payload.get(key)) {
            case null -> null;
            case String value -> value.trim();
            case Number value -> value.toString();
            default -> null;
        };
    }
}
