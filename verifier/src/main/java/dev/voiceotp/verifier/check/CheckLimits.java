package dev.voiceotp.verifier.check;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.check.CheckTarget;
import dev.voiceotp.contract.check.FailureBudget;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.verifier.VerifierProperties;

/**
 * The verifier's request limits in the form the check script counts them ({@code ARGV[9]} and {@code ARGV[10]}
 * of {@code check-code.lua}): per client address and per app before anything is read, per number once the
 * verification is known to be the caller's. Fixed windows in Redis, so every verifier instance shares them, and
 * counted inside the check's own round trip. What does not depend on the request is prepared once.
 *
 * <p>The guide's anonymous route counts its checks of a number apart from the apps' checks, as it spends a failure
 * budget of its own, so that anyone who knows a number cannot make the apps' checks of it answer 429; and it counts
 * them before anything is read, with the caller's limits, since it names the number itself: a number without a
 * verification is then limited exactly as one with, and the limit tells nobody which numbers are being verified.
 */
@Component
class CheckLimits {

    static final String IP = "check-ip";
    static final String APP = "check-app";
    static final String NUMBER = "check-number";
    static final String GUIDE_ROUTE_NUMBER = "check-number-guide";
    private static final Duration APP_WINDOW = Duration.ofMinutes(1);
    private static final Pattern BLANKS = Pattern.compile("\\s");

    private final @Nullable String ipLimit;
    private final Map<String, String> appLimits = new HashMap<>();
    private final String numberLimit;
    private final @Nullable String guideRouteNumberLimit;

    CheckLimits(VerifierProperties properties, ProducerAppsProperties apps) {
        VerifierProperties.Limit ip = properties.limits().ip();
        this.ipLimit = ip.enabled() ? " " + ip.capacity() + " " + ip.windowOrDefault().toMillis() : null;
        for (ProducerAppsProperties.App app : apps.apps()) {
            int perMinute = app.quotas().checksPerMinute();
            if (perMinute > 0) {
                appLimits.put(app.id(), RedisKeys.rateLimit(APP, app.id()) + " " + perMinute + " " + APP_WINDOW.toMillis());
            }
        }
        VerifierProperties.Limit number = properties.limits().number();
        String limit = " " + number.capacity() + " " + number.windowOrDefault().toMillis();
        this.numberLimit = number.enabled() ? RedisKeys.rateLimit(NUMBER, "") + limit : "";
        this.guideRouteNumberLimit = number.enabled() ? limit : null;
    }

    /** The check of {@code target}, counted against the request limits that apply to it. */
    CheckTarget applyTo(CheckTarget target, @Nullable String clientAddress) {
        String callerLimits = callerLimits(clientAddress, target.appId());
        if (target.failureBudget() != FailureBudget.GUIDE_ROUTE) {
            return target.withLimits(callerLimits, numberLimit);
        }
        if (guideRouteNumberLimit == null) {
            return target.withLimits(callerLimits, "");
        }
        String number = RedisKeys.rateLimit(GUIDE_ROUTE_NUMBER, target.phoneNumber()) + guideRouteNumberLimit;
        return target.withLimits(callerLimits.isEmpty() ? number : callerLimits + " " + number, "");
    }

    /**
     * {@code ARGV[9]}: the counters of the client address and of the app, empty when neither is limited.
     *
     * @param clientAddress null when the request is not limited per address
     */
    private String callerLimits(@Nullable String clientAddress, String appId) {
        String app = appLimits.get(appId);
        String ip = clientAddress == null || ipLimit == null ? null
                // a hop that is not an address is limited under its text: without the blanks the script splits on
                : RedisKeys.rateLimit(IP, BLANKS.matcher(clientAddress).replaceAll("_")) + ipLimit;
        if (ip == null) {
            return app == null ? "" : app;
        }
        return app == null ? ip : ip + " " + app;
    }

}
