package dev.voiceotp.worker.call;

/**
 * Plivo could not be asked, or answered with a transient error (5xx, 429, timeout, connection refused):
 * no call was placed, and placing it later may succeed.
 */
public class PlivoUnavailableException extends RuntimeException {

    public PlivoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
