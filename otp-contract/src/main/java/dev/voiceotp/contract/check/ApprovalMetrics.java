package dev.voiceotp.contract.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.phone.PhoneNumbers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The approval meters of docs/metrics.md, the numerator of conversion: {@code otp.verifications.approved} (app,
 * country) and {@code otp.time.to.verify} (app). Counted wherever a code is approved: by the verifier's checks and by
 * the worker's keypad confirmation, each for the one check whose script made the transition. The time to verify is
 * registered up front for each configured app; approvals per country on the first of each pair (the region set is
 * too large to register up front), then kept, never looked up in the registry again.
 */
public final class ApprovalMetrics {

    public static final String APPROVED = "otp.verifications.approved";
    public static final String TIME_TO_VERIFY = "otp.time.to.verify";

    private final MeterRegistry registry;
    private final Map<String, Timer> timeToVerifyByApp = new ConcurrentHashMap<>();
    private final Map<String, Counter> approvedByAppAndCountry = new ConcurrentHashMap<>();

    public ApprovalMetrics(MeterRegistry registry, ProducerAppsProperties apps) {
        this.registry = registry;
        apps.apps().forEach(app -> timeToVerifyByApp.put(app.id(), registerTimeToVerify(app.id())));
    }

    /** Counts {@code outcome} if it is the approval (the script's transition); nothing for any other outcome. */
    public void checked(String appId, CheckOutcome outcome, Instant checkedAt) {
        CheckOutcome.Transition transition = outcome.transition();
        if (outcome.result() != CheckResult.APPROVED || transition == null) {
            return;
        }
        Instant createdAt = transition.createdAt();
        approved(appId, transition.country(), createdAt == null ? null : Duration.between(createdAt, checkedAt));
    }

    private void approved(String appId, @Nullable String country, @Nullable Duration sinceCreated) {
        String countryTag = PhoneNumbers.countryLabel(country);
        approvedByAppAndCountry.computeIfAbsent(appId + ' ' + countryTag, key -> Counter.builder(APPROVED)
                .description("Approved verifications, by app and destination country")
                .tag("app", appId)
                .tag("country", countryTag)
                .register(registry)).increment();
        if (sinceCreated != null && !sinceCreated.isNegative()) {
            timeToVerifyByApp.computeIfAbsent(appId, this::registerTimeToVerify).record(sinceCreated);
        }
    }

    /** Codes live up to ten minutes, beyond the default histogram range of a timer. */
    private Timer registerTimeToVerify(String appId) {
        return Timer.builder(TIME_TO_VERIFY)
                .description("From the verification's creation to its approval")
                .tag("app", appId)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }
}
