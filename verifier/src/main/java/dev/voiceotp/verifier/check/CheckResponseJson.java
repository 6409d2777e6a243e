package dev.voiceotp.verifier.check;

import java.nio.charset.StandardCharsets;

import dev.voiceotp.contract.check.CheckOutcome;

/**
 * The body of a check's 200: {@code {"id","status","valid"}}, with {@code attemptsRemaining} only while it means
 * something (the verification is still pending, or it has just been or already was locked, when it is 0). Written
 * straight to bytes: it is answered on every check, and its shape never varies.
 */
final class CheckResponseJson {

    private CheckResponseJson() {
    }

    static byte[] of(CheckOutcome outcome) {
        String id = outcome.verificationId();
        if (id == null || outcome.status() == null) {
            throw new IllegalArgumentException("a not-found outcome has no response body");
        }
        StringBuilder json = new StringBuilder(96).append("{\"id\":\"");
        appendEscaped(json, id);
        json.append("\",\"status\":\"").append(outcome.status().wireName())
                .append("\",\"valid\":").append(outcome.valid());
        if (outcome.attemptsRemaining() != null) {
            json.append(",\"attemptsRemaining\":").append(outcome.attemptsRemaining().intValue());
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The id is echoed from the request path. Ids the gateway creates are UUIDs, but one that matched a stored
     * verification is written as a JSON string all the same, whatever it contains.
     */
    private static void appendEscaped(StringBuilder json, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
    }
}
