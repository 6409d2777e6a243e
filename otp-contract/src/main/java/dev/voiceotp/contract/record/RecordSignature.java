package dev.voiceotp.contract.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.hmac.HmacSha256;

/**
 * The signature that authenticates a record on {@code otp.requests.v1}: HMAC-SHA256 of the record's value bytes,
 * exactly as written, under a secret the worker knows, in the header {@value #HEADER} as {@code v1=<base64url>}.
 *
 * <p>Why: anyone who can write to the topic could otherwise have a call placed, name another app's verification,
 * or skip every control of the gateway. The worker places calls only for records signed by the gateway's secret
 * or by the secret of the record's own producer app ({@link RecordSigningProperties}). The signature covers the
 * whole value and the headers the gateway's event relay believes ({@link #COVERED_HEADERS}: present or absent), so
 * no field (number, app, id, times) and no such header can be changed or added without the secret; a replayed
 * record names the same verification, whose claim in Redis makes it harmless.
 */
public final class RecordSignature {

    /** The record header that carries the signature. */
    public static final String HEADER = "voice-otp-signature";
    /** Headers whose values (or absence) the signature covers, in this order. */
    public static final List<String> COVERED_HEADERS = List.of("voice-otp-region", "voice-otp-replaces");
    private static final String VERSION_PREFIX = "v1=";

    private final HmacSha256 key;

    private RecordSignature(byte[] secret) {
        this.key = new HmacSha256(secret);
    }

    /** A signer and checker for one secret (UTF-8 bytes of the configured string). */
    public static RecordSignature withSecret(String secret) {
        return new RecordSignature(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The header value for a record whose value is {@code value} and that has none of the covered headers. */
    public byte[] sign(byte[] value) {
        return sign(value, null);
    }

    /** The header value for a record with this value and these headers (null: none). */
    public byte[] sign(byte[] value, @Nullable Headers headers) {
        return (VERSION_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(value, headers))).getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code signature} is this secret's signature of the record; compared in constant time. */
    public boolean matches(byte @Nullable [] signature, byte[] value, @Nullable Headers headers) {
        return signature != null && MessageDigest.isEqual(signature, sign(value, headers));
    }

    /** As {@link #matches(byte[], byte[], Headers)} for a record without headers. */
    public boolean matches(byte @Nullable [] signature, byte[] value) {
        return matches(signature, value, null);
    }

    /** Whether any of {@code signatures} signed the record. */
    public static boolean anyMatches(List<RecordSignature> signatures, byte @Nullable [] signature, byte[] value, @Nullable Headers headers) {
        boolean matched = false;
        for (RecordSignature candidate : signatures) {
            matched |= candidate.matches(signature, value, headers); // every candidate is tried: the time does not tell which one
        }
        return matched;
    }

    /** As {@link #anyMatches(List, byte[], byte[], Headers)} for a record without headers. */
    public static boolean anyMatches(List<RecordSignature> signatures, byte @Nullable [] signature, byte[] value) {
        return anyMatches(signatures, signature, value, null);
    }

    private byte[] mac(byte[] value, @Nullable Headers headers) {
        Mac mac = key.newMac();
        mac.update(value);
        for (String name : COVERED_HEADERS) {
            Header header = headers == null ? null : headers.lastHeader(name);
            mac.update((byte) 0);
            mac.update(name.getBytes(StandardCharsets.US_ASCII));
            // present (1, length, bytes) or absent (0): adding or dropping a header changes the signature
            if (header == null || header.value() == null) {
                mac.update((byte) 0);
            } else {
                mac.update((byte) 1);
                mac.update(java.nio.ByteBuffer.allocate(4).putInt(header.value().length).array());
                mac.update(header.value());
            }
        }
        return mac.doFinal();
    }
}
