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
    /** When the right code was accepted. */
    public static final String APPROVED_AT = "approvedAt";
    /** Why the verification failed, for example a refused call. */
    public static final String FAILURE_REASON = "failureReason";
    /** ISO 3166 region of the number, for events and per-country metrics without parsing the number again. */
    public static final String COUNTRY = "country";
    /** When the producer app canceled the verification. */
    public static final String CANCELED_AT = "canceledAt";
    /** call or phlo ({@link dev.voiceotp.contract.DeliveryMethod}), as the request asked; absent for the app's default. */
    public static final String DELIVERY = "delivery";

    /** Call placement state owned by the worker: claimed, placed or released. */
    public static final String CALL_STATE = "callState";
    /** When the current call claim was taken; an old claim without an outcome means its worker died. */
    public static final String CALL_CLAIMED_AT = "callClaimedAt";
    /** Plivo's call status: queued, in-progress, completed, busy, no-answer, failed, ... */
    public static final String CALL_STATUS = "callStatus";
    /** Order of call statuses (0 queued, 1 ringing, 2 in-progress, 3 ended), so late reports never go back. */
    public static final String CALL_STAGE = "callStage";
    public static final String CALL_REQUEST_UUID = "callRequestUuid";
    public static final String CALL_UUID = "callUuid";
    public static final String CALL_HANGUP_CAUSE = "callHangupCause";
    public static final String CALL_DURATION = "callDuration";
    public static final String CALL_UPDATED_AT = "callUpdatedAt";
    /** Calls placed for this verification so far (more than one only under the redial policy). */
    public static final String CALL_ATTEMPTS = "callAttempts";

    private VerificationFields() {
    }
}
