package dev.voiceotp.verifier.legacy;

import java.nio.charset.StandardCharsets;

/**
 * The guide's response bodies, word for word, because clients built on it compare these strings. Its third body,
 * "number not found", is never sent: it would tell an anonymous caller which numbers are being verified.
 */
enum GuideResponse {

    VERIFIED("success", "codes match, number verified"),
    NOT_VERIFIED("failure", "codes do not match, number not verified");

    private final byte[] json;

    GuideResponse(String status, String message) {
        this.json = ("{\"status\":\"" + status + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The body, written once: neither varies. */
    byte[] json() {
        return json;
    }
}
