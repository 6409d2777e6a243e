package dev.voiceotp.worker;

import dev.voiceotp.contract.verification.RedisKeys;

/**
 * Every name the worker alone gives to state in Redis: its keys (the call schedule, callback nonces) and the
 * fields of the verification hash it adds to the shared {@link dev.voiceotp.contract.verification.VerificationFields}
 * to track the current call attempt, so that retries, redials and late callbacks of superseded calls stay apart.
 * The Lua scripts receive the keys as KEYS and spell the same field names.
 */
public final class WorkerRedisState {

    /** Sorted set of verification ids by due time (epoch ms): retries, redials, timed-out attempts to settle. */
    public static final String CALL_SCHEDULE = RedisKeys.PREFIX + "worker:call-schedule";

    /** Prefix of the remembered V3 signature nonces of Plivo's callbacks (replay protection). */
    public static final String CALLBACK_NONCE_PREFIX = RedisKeys.PREFIX + "nonce:";

    /** Opaque token of the current call attempt (its answer and hangup URLs carry it). */
    public static final String CALL_TOKEN = "callToken";
    /** Token of the newest attempt already counted in {@code callAttempts}: each call is counted once. */
    public static final String CALL_PLACED_TOKEN = "callPlacedToken";
    /** When a retry, redial or timed-out attempt is due on the call schedule (epoch ms). */
    public static final String CALL_RETRY_AT = "callRetryAt";
    /** Transient failures retried so far: the exponent of the backoff. */
    public static final String CALL_RETRIES = "callRetries";
    /** {@code 1} once Plivo reported that a machine answered the current call. */
    public static final String CALL_MACHINE = "callMachine";

    /** A call Plivo accepted: watched on the call schedule until its end is reported. */
    public static final String STATE_PLACED = "placed";

    /** Call states ({@code callState}) that wait on the call schedule. */
    public static final String STATE_RETRY = "retry";
    public static final String STATE_AMBIGUOUS = "ambiguous";
    public static final String STATE_REDIAL = "redial";

    private WorkerRedisState() {
    }
}
