package dev.voiceotp.contract.verification;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The Redis key scheme, in one place because three services and several Lua scripts must agree on it.
 *
 * <p>Every key starts with {@link #PREFIX}, {@code {otp}:}. The braces are a Redis Cluster hash tag: only {@code otp}
 * is hashed, so every key of an installation lives in one slot, on one primary of a cluster, and every script, which
 * touches keys of several scopes at once (a verification, its number's pointers, its app's and country's spend, the
 * global expiry index), runs there atomically as it does on a single Redis. docs/operations.md says what that means
 * for sizing. None of the keys contains a code; phone numbers appear only in keys that exist to find a verification
 * by number.
 */
public final class RedisKeys {

    /** The start of every key: the hash tag that keeps all of them in one Redis Cluster slot. */
    public static final String PREFIX = "{otp}:";

    private RedisKeys() {
    }

    /** Hash holding one verification (fields in {@link VerificationFields}). */
    public static String verification(String verificationId) {
        return PREFIX + "v:" + verificationId;
    }

    /** String: id of the newest verification an app created for a number. */
    public static String latestForNumber(String appId, String phoneNumber) {
        return PREFIX + "latest:" + appId + ":" + phoneNumber;
    }

    /** String: id of the verification an app created with an Idempotency-Key. */
    public static String idempotencyKey(String appId, String idempotencyKey) {
        return PREFIX + "idem:" + appId + ":" + idempotencyKey;
    }

    /**
     * Hash for one call attempt, found by the opaque token in the answer URL: the verification id and the
     * encrypted code the prompt reads. Lives no longer than the call.
     */
    public static String callPrompt(String callToken) {
        return PREFIX + "call:" + callToken;
    }

    /**
     * String counter: wrong codes submitted for a number, over all its verifications and apps, in the current
     * budget window. Written only by the check script; a new code does not reset it.
     */
    public static String numberFailures(String phoneNumber) {
        return PREFIX + "fail:" + phoneNumber;
    }

    /**
     * String counter like {@link #numberFailures}, for wrong codes sent through the guide's unauthenticated
     * {@code verify_otp} route alone: anyone can send those, so they must not spend the budget that guards the
     * number in every other app.
     */
    public static String guideRouteNumberFailures(String phoneNumber) {
        return PREFIX + "fail:guide:" + phoneNumber;
    }

    /**
     * Sorted set of pending verification ids scored by their expiry (epoch ms). The gateway adds each new
     * verification; the expiry sweeper removes due ids atomically and publishes {@code expired} for those still
     * pending, so exactly one instance reports each expiry.
     */
    public static String pendingExpiries() {
        return PREFIX + "expiries";
    }

    /**
     * Stream: lifecycle events written by the services and not yet acknowledged by Kafka (the event outbox),
     * drained by every instance's relay in one consumer group.
     */
    public static String eventOutbox() {
        return PREFIX + "outbox:events";
    }

    /** A rate limit's state (a bucket or a counter); the rest of the key names the limit and its subject. */
    public static String rateLimit(String limitName, String subject) {
        return PREFIX + "rl:" + limitName + ":" + subject;
    }

    /**
     * Counter: calls charged to an app in the UTC day that contains {@code now}: the gateway charges a verification's
     * first call when it creates it, the worker each further call (a redial, a re-claim) when it is placed.
     */
    public static String appDailySpend(String appId, Instant now) {
        return PREFIX + "spend:app:" + appId + ":" + now.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
    }

    /** Counter: calls to a destination country (all apps) in the UTC hour that contains {@code now}, charged as above. */
    public static String countryHourlySpend(String region, Instant now) {
        return PREFIX + "spend:country:" + region + ":" + now.truncatedTo(ChronoUnit.HOURS).toString().substring(0, 13);
    }
}
