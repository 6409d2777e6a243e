package dev.voiceotp.worker.callflow;

/** A correctly signed callback whose nonce was seen before: a replay, answered without effect. */
class ReplayedCallbackException extends RuntimeException {

    ReplayedCallbackException() {
        super("Plivo callback replayed", null, false, false);
    }
}
