package dev.voiceotp.gateway;


/**
 * Redis keys only the gateway reads and writes, next to the shared scheme in
 * {@link dev.voiceotp.contract.verification.RedisKeys} (same {@code otp:} prefix; candidates to move there once
 * another service needs them).
 */
public final class GatewayRedisKeys {

    private GatewayRedisKeys() {
    }

    /**
     * Sorted set: ids of the verifications that called a number (all apps), scored by creation time (epoch ms);
     * the per-number hourly and daily call caps count it over a rolling window. Lives a day after the last call.
     */
    public static String numberCalls(String phoneNumber) {
        return "otp:calls:" + phoneNumber;
    }
}
