package dev.voiceotp.contract.verification;

/**
 * The Redis key scheme, in one place because three services and several Lua scripts must agree on it.
 *
 * <p>Every key starts with {@code otp:}. None of them contains a code; phone numbers appear only in keys
 * that exist to find a verification by number.
 */
public final class RedisKeys {

    private RedisKeys() {
    }

    /** Hash holding one verification (fields in {@link VerificationFields}). */
    public static String verification(String verificationId) {
        return "otp:v:" + verificationId;
    }

    /** String: id of the newest verification an app created for a number. */
    public static String latestForNumber(String appId, String phoneNumber) {
        return "otp:latest:" + appId + ":" + phoneNumber;
    }

    /** String: id of the verification an app created with an Idempotency-Key. */
    public static String idempotencyKey(String appId, String idempotencyKey) {
        return "otp:idem:" + appId + ":" + idempotencyKey;
    }

    /**
     * Hash for one call attempt, found by the opaque token in the answer URL: the verification id and the
     * encrypted code the prompt reads. Lives no longer than the call.
     */
    public static String callPrompt(String callToken) {
        return "otp:call:" + callToken;
    }
}
