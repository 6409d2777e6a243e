package dev.voiceotp.contract.record;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The signature that authenticates a record on {@code otp.requests.v1}: HMAC-SHA256 of the record's value bytes,
 * exactly as written, under a secret the worker knows, in the header {@value #HEADER} as {@code v1=<base64url>}.
 *
 * <p>Why: anyone who can write to the topic could otherwise have a call placed, name another app's verification,
 * or skip every control of the gateway. The worker places calls only for records signed by the gateway's secret
 * or by the secret of the record's own producer app ({@link RecordSigningProperties}). The signature covers the
 * whole value, so no field (number, app, id, times) can be changed without the secret; a replayed record names
 * the same verification, whose claim in Redis makes it harmless.
 */
public final class RecordSignature {

    /** The record header that carries the signature. */
    public static final String HEADER = "voice-otp-signature";
    private static final String VERSION_PREFIX = "v1=";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private RecordSignature(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** A signer and checker for one secret (UTF-8 bytes of the configured string). */
    public static RecordSignature withSecret(String secret) {
        return new RecordSignature(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The header value for a record whose value is {@code value}. */
    public byte[] sign(byte[] value) {
        return (VERSION_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(value))).getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code header} is this secret's signature of {@code value}; compared in constant time. */
    public boolean matches(byte @Nullable [] header, byte[] value) {
        return header != null && MessageDigest.isEqual(header, sign(value));
    }

    /** Whether any of {@code signatures} signed {@code value}. */
    public static boolean anyMatches(List<RecordSignature> signatures, byte @Nullable [] header, byte[] value) {
        boolean matched = false;
        for (RecordSignature signature : signatures) {
            matched |= signature.matches(header, value); // every candidate is tried: the time does not tell which one
        }
        return matched;
    }

    private byte[] mac(byte[] value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(value);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
