package dev.voiceotp.contract.event;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.Topics;

/**
 * Version 1 of a lifecycle event on {@link Topics#OTP_EVENTS}. Events never carry the code, and carry the phone
 * number only as its country, so a producer app can feed them to analytics without handling secrets.
 *
 * <p>The record key is {@link #key()}: {@code <appId>:<verificationId>}. Hashing the whole key keeps every event
 * of one verification on one partition, in order; the app prefix lets a producer app's consumer skip other apps'
 * events by key alone, without parsing the value. {@code eventId} lets consumers drop the duplicates an
 * at-least-once producer can emit.
 *
 * @param version always {@link #VERSION}
 * @param eventId unique id of this event; a repeated event carries the same id (the gateway's relay derives ids from
 *     the verification id), so consumers drop duplicates by it
 * @param type what happened
 * @param verificationId the verification it happened to
 * @param appId the producer app that owns the verification
 * @param occurredAt when it happened
 * @param country ISO 3166 region of the destination number, when known
 * @param callStatus Plivo's call status for call events (for example {@code busy}, {@code no-answer}, {@code machine})
 * @param hangupCause Plivo's hangup cause for ended calls
 * @param reason a short machine-readable reason for failed, locked and canceled events
 */
public record OtpEvent(
        int version,
        String eventId,
        OtpEventType type,
        String verificationId,
        String appId,
        Instant occurredAt,
        @Nullable String country,
        @Nullable String callStatus,
        @Nullable String hangupCause,
        @Nullable String reason) {

    public static final int VERSION = 1;

    /** An event without call details. */
    public static OtpEvent of(OtpEventType type, String verificationId, String appId, Instant occurredAt,
            @Nullable String country, @Nullable String reason) {
        return new OtpEvent(VERSION, UUID.randomUUID().toString(), type, verificationId, appId, occurredAt, country,
                null, null, reason);
    }

    /** An event about the call. */
    public static OtpEvent ofCall(OtpEventType type, String verificationId, String appId, Instant occurredAt,
            @Nullable String country, @Nullable String callStatus, @Nullable String hangupCause) {
        return new OtpEvent(VERSION, UUID.randomUUID().toString(), type, verificationId, appId, occurredAt, country,
                callStatus, hangupCause, null);
    }

    public String key() {
        return appId + ":" + verificationId;
    }
}
