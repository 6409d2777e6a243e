package dev.voiceotp.contract.hmac;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC-SHA256 key set up once. Each use works on a clone of the keyed Mac, which skips the provider lookup and the
 * key schedule (together about as much work as hashing a short message); the keyed Mac itself is never used, so
 * concurrent callers never share one.
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Mac keyed;

    public HmacSha256(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.keyed = keyedMac();
    }

    /** A Mac keyed with this key, for the caller alone. */
    public Mac newMac() {
        try {
            return (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            // a provider whose Mac cannot be cloned: key a new one each time
            return keyedMac();
        }
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
