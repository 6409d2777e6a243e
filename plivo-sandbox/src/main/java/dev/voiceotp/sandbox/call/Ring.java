package dev.voiceotp.sandbox.call;

import java.time.Duration;
import java.util.Optional;

/** The phone rings for a while before anyone picks up. */
record Ring(Duration ringing) implements CallStep {

    @Override
    public Optional<HangupCause> run(CallRecord call) throws InterruptedException {
        call.ringing();
        Thread.sleep(ringing);
        return Optional.empty();
    }
}
