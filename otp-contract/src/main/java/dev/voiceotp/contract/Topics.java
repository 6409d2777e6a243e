package dev.voiceotp.contract;

/** Kafka topic names; the version suffix changes only with an incompatible message change. */
public final class Topics {

    /** OTP requests ({@link OtpRequest}), keyed by the E.164 number. */
    public static final String OTP_REQUESTS = "otp.requests.v1";

    /** Lifecycle events ({@link dev.voiceotp.contract.event.OtpEvent}), keyed {@code <appId>:<verificationId>}. */
    public static final String OTP_EVENTS = "otp.events.v1";

    private Topics() {
    }
}
