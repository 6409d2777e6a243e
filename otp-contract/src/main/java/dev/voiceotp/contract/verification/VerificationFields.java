package dev.voiceotp.contract.verification;

/** Field names of the verification hash ({@link RedisKeys#verification}). Times are epoch milliseconds. */
public final class VerificationFields {

    public static final String APP = "app";
    public static final String PHONE = "phone";
    public static final String LOCALE = "locale";
    /** Stored status: pending, approved, max_attempts_reached, failed or canceled (never expired). */
    public static final String STATUS = "status";
    public static final String CREATED_AT = "createdAt";
    public static final String EXPIRES_AT = "expiresAt";
    /** Wrong codes submitted so far. */
    public static final String FAILED_ATTEMPTS = "failedAttempts";
    /** Keyed hash of the code ({@link CodeHasher}); absent until the worker has issued the code. */
    public static final String CODE_HASH = "codeHash";
    /** Why the verification failed, for example a refused call. */
    public static final String FAILURE_REASON = "failureReason";

    /** Call placement state owned by the worker: claimed, placed or released. */
    public static final String CALL_STATE = "callState";
    public static final String CALL_STATUS = "callStatus";
    public static final String CALL_REQUEST_UUID = "callRequestUuid";
    public static final String CALL_UUID = "callUuid";
    public static final String CALL_HANGUP_CAUSE = "callHangupCause";
    public static final String CALL_DURATION = "callDuration";
    public static final String CALL_UPDATED_AT = "callUpdatedAt";

    private VerificationFields() {
    }
}
