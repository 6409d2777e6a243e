package dev.voiceotp.contract;

/** Kafka topic names; the version suffix changes only with an incompatible message change. */
public final class Topics {

    /** OTP requests ({@link OtpRequest}), keyed by the E.164 number. */
    public static final String OTP_REQUESTS = "otp.requests.v1";

    private Topics() {
    }
}
