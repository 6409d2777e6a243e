package dev.voiceotp.sandbox.callback;

/**
 * A callback that got no usable answer (refused, timed out, too large). The message is safe to show on the call:
 * it names what went wrong, never the request or response content.
 */
public class CallbackException extends Exception {

    public CallbackException(String message, Throwable cause) {
        super(message, cause);
    }

    public CallbackException(String message) {
        super(message);
    }
}
