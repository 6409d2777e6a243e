package dev.voiceotp.worker.plivo;

/**
 * Plivo could not be asked, or answered with a transient error (5xx, 429, connection refused): placing the
 * call later may succeed. When the request was sent but no answer came ({@link #ambiguous()}), Plivo may
 * have placed the call anyway, so it must not be retried blindly.
 */
public class PlivoUnavailableException extends RuntimeException {

    /**
     * Why, in the words of the {@code otp.call.retries} and {@code otp.plivo.api} labels; {@link #NO_CALL_SLOT}: the
     * request never went to Plivo, for want of a fresh pacing slot ({@link CallSlot}), so Plivo did not fail.
     */
    public enum Reason {
        RATE_LIMITED("rate_limited"), SERVER_ERROR("server_error"), TIMEOUT("timeout"), UNREACHABLE("unreachable"), NO_CALL_SLOT("no_call_slot");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Reason reason;
    private final boolean ambiguous;

    public PlivoUnavailableException(String message, Reason reason, boolean ambiguous, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.ambiguous = ambiguous;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether Plivo failed to answer (anything but {@link Reason#NO_CALL_SLOT}). */
    public boolean plivoFailed() {
        return reason != Reason.NO_CALL_SLOT;
    }

    /** The request reached Plivo but its answer did not reach us: the call may exist. */
    public boolean ambiguous() {
        return ambiguous;
    }
}
