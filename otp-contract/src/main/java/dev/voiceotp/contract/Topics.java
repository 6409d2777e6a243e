package dev.voiceotp.contract;

/** Kafka topic names; the version suffix changes only with an incompatible message change. */
public final class Topics {

    /** OTP requests ({@link OtpRequest}), keyed by the E.164 number. */
    public static final String OTP_REQUESTS = "otp.requests.v1";

    /**
     * Requests a producer app publishes itself ({@link OtpRequest}'s JSON, signed with the app's own secret), keyed by
     * the E.164 number. The gateway screens each as it would a REST request and, if it passes, publishes it to
     * {@link #OTP_REQUESTS}; the worker never reads this topic.
     */
    public static final String OTP_DIRECT_REQUESTS = "otp.requests.direct.v1";

    /** Records of {@link #OTP_DIRECT_REQUESTS} that were not accepted, unchanged, with the reason in a header. */
    public static final String OTP_DIRECT_REQUESTS_DLT = OTP_DIRECT_REQUESTS + ".dlt";

    /** Lifecycle events ({@link dev.voiceotp.contract.event.OtpEvent}), keyed {@code <appId>:<verificationId>}. */
    public static final String OTP_EVENTS = "otp.events.v1";
    /** Webhook deliveries to producer apps that were given up, with the app and the reason in headers. */
    public static final String OTP_WEBHOOKS_DLT = "otp.webhooks.dlt";

    private Topics() {
    }
}
