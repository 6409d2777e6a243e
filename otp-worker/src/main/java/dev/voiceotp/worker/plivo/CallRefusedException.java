package dev.voiceotp.worker.plivo;

/**
 * Plivo refused the call for a reason that retrying cannot fix (bad number, authentication, barred
 * destination): the verification fails at once with {@link #reason()}.
 */
public class CallRefusedException extends RuntimeException {

    private final String reason;

    public CallRefusedException(String reason, Throwable cause) {
        super("Plivo refused the call: " + reason, cause);
        this.reason = reason;
    }

    /** Short machine-readable reason, for example {@code invalid_request} or {@code geo_permission}. */
    public String reason() {
        return reason;
    }
}
