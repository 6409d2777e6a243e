package dev.voiceotp.sandbox.call;

/**
 * How a call ended, as the hangup callback reports it.
 *
 * @param callStatus the {@code CallStatus} sent with the hangup callback
 */
record HangupCause(String callStatus, String cause, String name, int code, String source) {

    /** The callee listened and hung up: the ordinary end of a voice OTP call. */
    static final HangupCause NORMAL_CLEARING =
            new HangupCause("completed", "NORMAL_CLEARING", "Normal Hangup", 4000, "Callee");

    /** The answer URL was unreachable or answered non-2xx. Plivo's exact name and code here are unconfirmed. */
    static final HangupCause ANSWER_URL_ERROR =
            new HangupCause("completed", "ERROR_REACHING_ANSWER_URL", "Error Reaching Answer URL", 7011, "Plivo");

    /** The answer URL returned XML Plivo cannot run. Plivo's exact name and code here are unconfirmed. */
    static final HangupCause INVALID_ANSWER_XML =
            new HangupCause("completed", "INVALID_ANSWER_XML", "Invalid Answer XML", 7010, "Plivo");
}
