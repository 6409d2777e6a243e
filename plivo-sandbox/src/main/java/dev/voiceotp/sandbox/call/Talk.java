package dev.voiceotp.sandbox.call;

import java.time.Duration;
import java.util.Optional;

/** The callee listens to the answer for a while, then the call goes on to the hangup. */
record Talk(Duration listening) implements CallStep {

    @Override
    public Optional<HangupCause> run(CallRecord call) throws InterruptedException {
        Thread.sleep(listening);
        return Optional.empty();
    }
}
