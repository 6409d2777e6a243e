package dev.voiceotp.sandbox.callback;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * One callback exactly as it goes on the wire: target (with the query for GET), form body (POST), and the V3
 * signature headers with their nonce. Kept so the same bytes can be sent again to test an application's replay
 * protection.
 *
 * @param signatures one signature per signing token, comma-separated, as Plivo sends them during a token rotation
 */
public record SignedCallback(URI target, CallbackMethod method, @Nullable String form, String nonce,
        String signatures) {
}
