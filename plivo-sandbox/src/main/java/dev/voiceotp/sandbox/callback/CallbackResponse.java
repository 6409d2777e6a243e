package dev.voiceotp.sandbox.callback;

/** What the application answered to a callback; the body is bounded by {@link CallbackClient#MAX_BODY_BYTES}. */
public record CallbackResponse(int status, byte[] body) {

    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
