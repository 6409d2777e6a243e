package dev.voiceotp.sandbox.call;

import java.time.Duration;
import java.util.Optional;

import dev.voiceotp.sandbox.callback.CallbackUrl;

/** The phone rings for a while (the ring URL hears of it), whether or not anyone picks up afterwards. */
record Ring(Duration ringing, CallbackSender callbacks) implements CallStep {

    @Override
    public Optional<HangupCause> run(CallRecord call) throws InterruptedException {
        call.ringing();
        CallbackUrl ringUrl = call.request().ringUrl();
        if (ringUrl != null) {
            // Plivo does not end a call because its ring URL failed; the history shows the failure
            callbacks.send(call, "ring_url", ringUrl, CallbackParameters.ring(call), CallEvent.Type.CALLBACK);
        }
        Thread.sleep(ringing);
        return Optional.empty();
    }
}
