package dev.voiceotp.gateway;

import dev.voiceotp.contract.verification.RedisKeys;


/**
 * Redis keys only the gateway reads and writes, next to the shared scheme in
 * {@link dev.voiceotp.contract.verification.RedisKeys} (same {@code {otp}:} prefix; candidates to move there once
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
        return RedisKeys.PREFIX + "calls:" + phoneNumber;
    }

    /** List: a lane of an app's webhook deliveries, oldest first, each {@code <eventId>\n<body>}. */
    public static String webhookQueue(String appId, int lane) {
        return RedisKeys.PREFIX + "wh:q:" + appId + ":" + lane;
    }

    /** Hash {@code id, attempts, first, next}: the failed attempts of a lane's head delivery. */
    public static String webhookAttempts(String appId, int lane) {
        return RedisKeys.PREFIX + "wh:try:" + appId + ":" + lane;
    }

    /** String: the gateway instance that delivers a lane, expiring unless renewed. */
    public static String webhookLease(String appId, int lane) {
        return RedisKeys.PREFIX + "wh:lease:" + appId + ":" + lane;
    }

    /** Marker of an event queued for an app, so an event read twice is queued once; lives longer than any retry. */
    public static String webhookSeen(String appId, String eventId) {
        return RedisKeys.PREFIX + "wh:seen:" + appId + ":" + eventId;
    }
}
