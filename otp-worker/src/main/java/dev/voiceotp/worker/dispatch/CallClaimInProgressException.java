package dev.voiceotp.worker.dispatch;

/**
 * Another delivery of the same request is placing its call right now. Retrying later settles it: by then
 * the call is placed (nothing to do) or the claim is stale (the verification fails, no second call).
 */
class CallClaimInProgressException extends RuntimeException {

    CallClaimInProgressException(String verificationId) {
        super("call of verification " + verificationId + " is being placed by another delivery");
    }
}
