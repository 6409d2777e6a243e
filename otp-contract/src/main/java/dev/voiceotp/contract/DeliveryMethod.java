package dev.voiceotp.contract;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the worker reaches the person; both ways come from Plivo's voice-OTP guide. */
public enum DeliveryMethod {
    /** Plivo's Call API; the worker's answer URL returns the XML that reads the code (default). */
    CALL("call"),
    /** A PHLO run with payload {@code {from, to, otp}}; the PHLO initiates the call and speaks the code. */
    PHLO("phlo");

    private final String wireName;

    DeliveryMethod(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }
}
