package dev.voiceotp.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery as Standard Webhooks (standardwebhooks.com) does, so a producer app can verify it with that
 * project's libraries or ten lines of its own: {@code webhook-signature} carries {@code v1,<base64 HMAC-SHA256>}
 * of {@code <webhook-id>.<webhook-timestamp>.<body>} under each of the app's secrets (several while a secret is
 * rotated), separated by spaces. Secrets are written {@code whsec_<base64 key>}, the form those libraries take.
 */
final class WebhookSignature {

    static final String ID_HEADER = "webhook-id";
    static final String TIMESTAMP_HEADER = "webhook-timestamp";
    static final String SIGNATURE_HEADER = "webhook-signature";
    static final String SECRET_PREFIX = "whsec_";

    private final List<SecretKeySpec> keys;

    WebhookSignature(List<String> secrets) {
        this.keys = secrets.stream().map(WebhookSignature::key).toList();
    }

    /** The {@code webhook-signature} header for one delivery attempt. */
    String sign(String id, long timestampSeconds, String body) {
        byte[] signed = (id + '.' + timestampSeconds + '.' + body).getBytes(StandardCharsets.UTF_8);
        return keys.stream().map(key -> "v1," + Base64.getEncoder().encodeToString(hmac(key, signed)))
                .collect(Collectors.joining(" "));
    }

    /** The key of a {@code whsec_} secret; refuses anything else, naming the rule, never the value. */
    static SecretKeySpec key(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret must start with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret must be " + SECRET_PREFIX + " and base64", e);
        }
        if (key.length < 24) {
            throw new IllegalArgumentException("a webhook secret must hold at least 24 random bytes");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
