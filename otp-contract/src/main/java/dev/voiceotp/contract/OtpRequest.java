package dev.voiceotp.contract;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Version 1 of the message on {@link Topics#OTP_REQUESTS}: "call this number and read it a fresh code".
 *
 * <p>The record key is the E.164 number, so every request for one number lands on one partition and is
 * handled in order. The message never carries a code: the worker generates it. Producer apps may publish
 * this message themselves; its JSON Schema is {@code schemas/otp-request-v1.schema.json} in this module.
 *
 * @param version always {@link #VERSION}; consumers reject versions they do not know
 * @param verificationId unique id of the verification (the gateway uses a random UUID); also the
 *     idempotency key of the call: a redelivered message never causes a second call
 * @param appId the producer app that asked for it
 * @param phoneNumber destination in E.164 form, for example {@code +14155550123}
 * @param locale BCP 47 tag of the prompt language, or null for the default
 * @param requestedAt when the producer accepted the request
 * @param expiresAt when the code stops being accepted (at most ten minutes after requestedAt)
 * @param delivery how to reach the person, or null for the producer app's configured method (added in v1 as an
 *     optional field: older consumers ignore it, older producers leave it out)
 */
public record OtpRequest(
        int version,
        String verificationId,
        String appId,
        String phoneNumber,
        @Nullable String locale,
        Instant requestedAt,
        Instant expiresAt,
        @Nullable DeliveryMethod delivery) {

    public static final int VERSION = 1;

    /**
     * Whether an id has the schema's {@code verificationId} format ({@code [A-Za-z0-9_-]{8,64}}); an id that does not
     * cannot name a verification.
     */
    public static boolean isWellFormedVerificationId(String id) {
        // by hand rather than a regular expression: this runs for every record the worker and the event relay read
        if (id.length() < 8 || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public static OtpRequest of(String verificationId, String appId, String phoneNumber, @Nullable String locale,
            Instant requestedAt, Instant expiresAt) {
        return of(verificationId, appId, phoneNumber, locale, requestedAt, expiresAt, null);
    }

    public static OtpRequest of(String verificationId, String appId, String phoneNumber, @Nullable String locale,
            Instant requestedAt, Instant expiresAt, @Nullable DeliveryMethod delivery) {
        return new OtpRequest(VERSION, verificationId, appId, phoneNumber, locale, requestedAt, expiresAt, delivery);
    }
}
