package dev.voiceotp.gateway.spend;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.gateway.GatewayProperties;
import dev.voiceotp.gateway.refusal.RefusalReason;
import dev.voiceotp.gateway.refusal.RequestRefused;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Names the spend counters a call is charged to and reports what the create script decided: {@code otp.spend.calls}
 * per charged call, a 429 when a cap trips, and one WARN per tripped window (not per refused request, which a
 * fraud run would turn into a log flood). {@code otp.spend.cap} shows each app's configured cap next to it.
 */
@Component
public class SpendGuard {

    private static final Logger log = LoggerFactory.getLogger(SpendGuard.class);

    private final GatewayProperties.Spend spend;
    private final Map<String, Integer> dailyCaps = new HashMap<>();
    private final Map<String, Counter> charged = new HashMap<>();
    /** Per app or country, the end of the last window a trip was logged for. */
    private final Map<String, Instant> loggedTrips = new ConcurrentHashMap<>();

    public SpendGuard(GatewayProperties properties, ProducerAppsProperties apps, MeterRegistry registry) {
        this.spend = properties.spend();
        for (ProducerAppsProperties.App app : apps.apps()) {
            int cap = app.quotas().callsPerDay();
            dailyCaps.put(app.id(), cap);
            charged.put(app.id(), Counter.builder("otp.spend.calls")
                    .description("Calls charged against the app's daily spend cap")
                    .tag("app", app.id()).register(registry));
            Gauge.builder("otp.spend.cap", () -> cap)
                    .description("The app's configured calls-per-day cap (0 = none)")
                    .tag("app", app.id()).register(registry);
        }
    }

    /** The counters a call placed now for this app and destination region is charged to. */
    public SpendWindow windowFor(String appId, String region, Instant now) {
        return new SpendWindow(
                RedisKeys.appDailySpend(appId, now), dailyCaps.getOrDefault(appId, 0),
                now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)),
                RedisKeys.countryHourlySpend(region, now), spend.countryHourlyCap(region),
                now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
    }

    /** A new verification was charged and is on its way to a call. */
    public void charged(String appId) {
        Counter counter = charged.get(appId);
        if (counter != null) {
            counter.increment();
        }
    }

    /** The create script refused a call because a cap is spent: the 429 to answer with. */
    public RequestRefused tripped(RefusalReason reason, SpendWindow window, String appId, String region, Instant now) {
        boolean appCap = reason == RefusalReason.SPEND_CAP_APP;
        Instant opens = appCap ? window.appWindowEnd() : window.countryWindowEnd();
        String subject = appCap ? "app " + appId : "country " + region;
        if (!opens.equals(loggedTrips.put(subject, opens))) {
            log.warn("Spend cap reached for {}: {} calls {}; requests are refused until {}", subject,
                    appCap ? window.appCap() : window.countryCap(), appCap ? "this UTC day" : "this hour", opens);
        }
        String detail = appCap
                ? "This app has placed its " + window.appCap() + " calls for today (UTC); calls resume at " + opens + "."
                : "The hourly cap on calls to " + region + " is reached; calls resume at " + opens + ".";
        return RequestRefused.tooMany(reason, detail, Duration.between(now, opens));
    }
}
