package dev.voiceotp.sandbox.call;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** A queued call waits for the calls-per-second slot {@link CallPacer} gave it before anything happens. */
record WaitForSlot(Clock clock) implements CallStep {

    @Override
    public Optional<HangupCause> run(CallRecord call) throws InterruptedException {
        Duration wait = Duration.between(clock.instant(), call.queuedUntil());
        if (wait.isPositive()) {
            Thread.sleep(wait);
        }
        return Optional.empty();
    }
}
