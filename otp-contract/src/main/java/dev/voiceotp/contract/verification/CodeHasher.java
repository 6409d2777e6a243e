package dev.voiceotp.contract.verification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;

import dev.voiceotp.contract.hmac.HmacSha256;

/**
 * Keyed hash of a one-time code: HMAC-SHA256 over {@code verificationId ":" code}, Base64 (URL alphabet).
 *
 * <p>Binding the verification id into the hash means a code issued for one verification can never match
 * another, even for the same number. Without the secret the stored hash cannot be brute-forced over the
 * small code space. The worker stores the hash; the verifier hashes the submitted code and lets Redis
 * compare hashes: comparing HMACs cannot leak anything useful about the code through timing, because an
 * attacker who does not hold the secret cannot choose inputs that share a prefix with the stored hash.
 */
public final class CodeHasher {

    private static final int MIN_SECRET_BYTES = 32;

    private final HmacSha256 key;

    public CodeHasher(byte[] secret) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the code HMAC secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        key = new HmacSha256(secret);
    }

    /** Builds a hasher from the configured secret (UTF-8 text of at least 32 bytes). */
    public static CodeHasher fromSecret(String secret) {
        return new CodeHasher(secret.getBytes(StandardCharsets.UTF_8));
    }

    public String hash(String verificationId, CharSequence code) {
        Mac mac = key.newMac();
        mac.update(verificationId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) ':');
        mac.update(code.toString().getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
    }
}
