package dev.voiceotp.sandbox.call;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.callback.CallbackUrl;

/**
 * The end of every call: the hangup URL hears how it ended, and only then does the call's status turn final, so a
 * test that sees a final status knows the application has already handled the hangup.
 */
@Component
class Hangup {

    private static final Logger log = LoggerFactory.getLogger(Hangup.class);

    private final CallbackSender callbacks;

    Hangup(CallbackSender callbacks) {
        this.callbacks = callbacks;
    }

    void hangUp(CallRecord call, HangupCause cause) throws InterruptedException {
        call.ended(cause);
        CallbackUrl hangupUrl = call.request().hangupUrl();
        if (hangupUrl != null) {
            Delivery delivery = callbacks.send(call, "hangup_url", hangupUrl, CallbackParameters.hangup(call, cause),
                    CallEvent.Type.CALLBACK);
            if (!delivery.successful()) {
                call.fail("hangup_url " + delivery.problem());
            }
        }
        call.finish(cause);
        log.debug("Call {} ended: {}", call.requestUuid(), cause.cause());
    }
}
