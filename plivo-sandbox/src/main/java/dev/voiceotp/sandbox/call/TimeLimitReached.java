package dev.voiceotp.sandbox.call;

/**
 * The call's {@code time_limit} passed. Thrown from wherever the call was (a pause, between XML elements), because
 * Plivo cuts a call off mid-sentence too; {@link CallSimulator} turns it into the hangup. No stack trace: it is an
 * outcome, not an error.
 */
final class TimeLimitReached extends RuntimeException {

    TimeLimitReached() {
        super("time limit reached", null, false, false);
    }
}
