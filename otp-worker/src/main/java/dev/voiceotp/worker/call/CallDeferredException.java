package dev.voiceotp.worker.call;

/**
 * The account had no free call slot within the pacing's max wait: nothing was sent, nothing failed, and the
 * call should simply be placed a little later.
 */
public class CallDeferredException extends RuntimeException {

    public CallDeferredException() {
        super("no call slot within the pacing's max wait", null, false, false);
    }
}
