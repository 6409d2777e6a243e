package dev.voiceotp.sandbox.call;

/**
 * How a call ended, as the hangup callback reports it. Plivo documents the cause names and codes only in part:
 * {@code NORMAL_CLEARING}/4000 is what Plivo sends after an ordinary call; the names of busy, no-answer and machine
 * endings are the ones the project's scenario contract fixes (also sent as {@code HangupCauseName}); the other
 * codes are unconfirmed.
 *
 * @param callStatus the {@code CallStatus} sent with the hangup callback
 */
record HangupCause(String callStatus, String cause, String name, int code, String source) {

    /** The callee listened and hung up: the ordinary end of a voice OTP call. */
    static final HangupCause NORMAL_CLEARING =
            new HangupCause("completed", "NORMAL_CLEARING", "Normal Hangup", 4000, "Callee");

    /** The XML said {@code <Hangup/>}. */
    static final HangupCause XML_HANGUP =
            new HangupCause("completed", "NORMAL_CLEARING", "Normal Hangup", 4000, "Plivo");

    static final HangupCause USER_BUSY = new HangupCause("busy", "User Busy", "User Busy", 3010, "Callee");

    static final HangupCause NO_ANSWER = new HangupCause("no-answer", "No Answer", "No Answer", 3020, "Plivo");

    static final HangupCause DESTINATION_FAILED = new HangupCause("failed", "Destination Out Of Service",
            "Destination Out Of Service", 2010, "Carrier");

    /** {@code machine_detection=hangup} found a machine: Plivo hangs up before requesting the answer URL. */
    static final HangupCause MACHINE_DETECTED =
            new HangupCause("completed", "Machine Detected", "Machine Detected", 4050, "Plivo");

    /** The call reached its {@code time_limit}. */
    static final HangupCause TIME_LIMIT =
            new HangupCause("completed", "Time Limit Reached", "Time Limit Reached", 4030, "Plivo");

    /** The answer URL was unreachable or answered non-2xx. */
    static final HangupCause ANSWER_URL_ERROR =
            new HangupCause("completed", "ERROR_REACHING_ANSWER_URL", "Error Reaching Answer URL", 7011, "Plivo");

    /** A GetDigits action or Redirect URL was unreachable or answered non-2xx. */
    static final HangupCause ACTION_URL_ERROR =
            new HangupCause("completed", "ERROR_REACHING_ACTION_URL", "Error Reaching Action URL", 7012, "Plivo");

    /** The answer, action or redirect URL returned XML Plivo cannot run. */
    static final HangupCause INVALID_ANSWER_XML =
            new HangupCause("completed", "INVALID_ANSWER_XML", "Invalid Answer XML", 7010, "Plivo");
}
