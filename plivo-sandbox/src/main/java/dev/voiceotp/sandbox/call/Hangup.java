package dev.voiceotp.sandbox.call;

import java.net.URI;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.callback.CallbackClient;
import dev.voiceotp.sandbox.callback.CallbackException;
import dev.voiceotp.sandbox.callback.CallbackMethod;
import dev.voiceotp.sandbox.callback.CallbackResponse;

/**
 * The end of every call: the hangup URL hears how it ended, and only then does the call's status turn final, so a
 * test that sees {@code completed} or {@code failed} knows the application has already handled the hangup.
 */
@Component
class Hangup {

    private static final Logger log = LoggerFactory.getLogger(Hangup.class);

    private final CallbackClient callbacks;

    Hangup(CallbackClient callbacks) {
        this.callbacks = callbacks;
    }

    void hangUp(CallRecord call, HangupCause cause) throws InterruptedException {
        call.ended(cause);
        URI hangupUrl = call.request().hangupUrl();
        if (hangupUrl != null) {
            notifyHangupUrl(call, hangupUrl, call.request().hangupMethod(), cause);
        }
        call.finish();
        log.debug("Call {} ended: {}", call.requestUuid(), cause.cause());
    }

    private void notifyHangupUrl(CallRecord call, URI hangupUrl, CallbackMethod method, HangupCause cause)
            throws InterruptedException {
        try {
            CallbackResponse response = callbacks.send(hangupUrl, method, CallbackParameters.hangup(call, cause));
            call.event(CallEvent.Type.HANGUP_URL, method + " hangup_url: HTTP " + response.status());
            if (!response.successful()) {
                fail(call, "hangup_url returned HTTP " + response.status());
            }
        } catch (CallbackException e) {
            fail(call, "hangup_url failed: " + e.getMessage());
        }
    }

    private static void fail(CallRecord call, String reason) {
        log.warn("Call {} failed: {}", call.requestUuid(), reason);
        call.fail(reason);
    }
}
