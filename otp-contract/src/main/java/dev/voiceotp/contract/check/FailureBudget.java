package dev.voiceotp.contract.check;

import dev.voiceotp.contract.verification.RedisKeys;

/** Which per-number failure counter a check's wrong codes spend (the check script's ARGV[7]). */
public enum FailureBudget {

    /** The number's budget over every app, spent by the API's checks and the worker's confirm-in-call. */
    SHARED(RedisKeys.numberFailures("")),

    /**
     * A budget of its own for the guide's unauthenticated route: anyone who knows a number can send wrong codes
     * there, and they must not lock that person out of every other app.
     */
    GUIDE_ROUTE(RedisKeys.guideRouteNumberFailures(""));

    private final String keyPrefix;

    FailureBudget(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String keyPrefix() {
        return keyPrefix;
    }
}
