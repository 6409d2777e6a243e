package dev.voiceotp.sandbox.call;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.sandbox.callback.CallbackResponse;

/** How one callback went: the application's answer, or why there was none. */
record Delivery(@Nullable CallbackResponse response, @Nullable String error) {

    boolean successful() {
        return response != null && response.successful();
    }

    byte[] body() {
        return response == null ? new byte[0] : response.body();
    }

    /** Why the callback failed, in words safe for the call's history: never the request or response content. */
    String problem() {
        return response != null ? "returned HTTP " + response.status() : "failed: " + error;
    }
}
