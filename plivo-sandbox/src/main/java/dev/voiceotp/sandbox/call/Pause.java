package dev.voiceotp.sandbox.call;

import java.time.Duration;
import java.util.Optional;

/** Time passing inside an answered call, cut short by the call's time limit. */
final class Pause {

    private Pause() {
    }

    /** Sleeps {@code wanted}, or until the time limit and then ends the call. */
    static void pause(CallRecord call, Duration wanted) throws InterruptedException {
        Optional<Duration> left = call.timeLeft();
        if (left.isPresent() && left.get().compareTo(wanted) <= 0) {
            sleep(left.get());
            throw new TimeLimitReached();
        }
        sleep(wanted);
    }

    /** Ends the call if its time limit passed meanwhile (during a slow callback, say). */
    static void checkTimeLimit(CallRecord call) {
        if (call.timeLeft().filter(left -> !left.isPositive()).isPresent()) {
            throw new TimeLimitReached();
        }
    }

    static Duration atMost(Duration wanted, Duration cap) {
        return wanted.compareTo(cap) <= 0 ? wanted : cap;
    }

    private static void sleep(Duration duration) throws InterruptedException {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    }
}
