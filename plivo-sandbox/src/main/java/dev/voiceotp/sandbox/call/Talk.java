package dev.voiceotp.sandbox.call;

import java.time.Duration;
import java.util.Optional;

/** The callee listens to the end of the XML for a while, then hangs up (unless the time limit comes first). */
record Talk(Duration listening) implements CallStep {

    @Override
    public Optional<HangupCause> run(CallRecord call) throws InterruptedException {
        Pause.pause(call, listening);
        return Optional.empty();
    }
}
