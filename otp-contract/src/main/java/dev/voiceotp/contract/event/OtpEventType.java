package dev.voiceotp.contract.event;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonValue;

/** What happened to a verification; the wire names are part of the {@code otp.events.v1} contract. */
public enum OtpEventType {
    /** Accepted by the gateway and on the requests topic. */
    REQUESTED("requested"),
    /** Plivo accepted the call (or the PHLO run). */
    CALL_PLACED("call_placed"),
    CALL_RINGING("call_ringing"),
    CALL_ANSWERED("call_answered"),
    /** The call ended after the code was read. */
    CALL_COMPLETED("call_completed"),
    /** The call ended without reading the code: busy, no answer, machine, refused or failed ({@code callStatus}). */
    CALL_FAILED("call_failed"),
    APPROVED("approved"),
    /** Still pending when its lifetime ended. */
    EXPIRED("expired"),
    /** Too many wrong codes, or the number's failure budget is spent. */
    LOCKED("locked"),
    CANCELED("canceled"),
    /** The verification can no longer succeed, for example every call attempt failed ({@code reason}). */
    FAILED("failed");

    private final String wireName;

    OtpEventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static OtpEventType fromWireName(String wireName) {
        return Arrays.stream(values())
                .filter(type -> type.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type: " + wireName));
    }
}
