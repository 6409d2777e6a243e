package dev.voiceotp.sandbox.call;

import java.util.Optional;

/** One phase of a simulated call (ring, answer, talk...), run on the call's own virtual thread. */
interface CallStep {

    /**
     * @return empty to go on with the next step, or the cause that ends the call now; the hangup callback follows
     *         either way
     */
    Optional<HangupCause> run(CallRecord call) throws InterruptedException;
}
