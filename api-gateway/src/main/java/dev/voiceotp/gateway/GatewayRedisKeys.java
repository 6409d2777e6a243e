package dev.voiceotp.gateway;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

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

    /** Counter: calls charged to an app in the UTC day that contains {@code now}. */
    public static String appDailySpend(String appId, Instant now) {
        return "otp:spend:app:" + appId + ":" + now.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
    }

    /** Counter: calls to a destination country (all apps) in the UTC hour that contains {@code now}. */
    public static String countryHourlySpend(String region, Instant now) {
        return "otp:spend:country:" + region + ":" + now.truncatedTo(ChronoUnit.HOURS).toString().substring(0, 13);
    }
}
