package dev.voiceotp.verifier.check;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.check.CodeCheck;
import dev.voiceotp.contract.phone.PhoneNumbers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The check meters of docs/metrics.md: {@code otp.checks} (app, result), {@code otp.verifications.approved}
 * (app, country) and {@code otp.time.to.verify} (app). Every tag comes from a closed set (fixed results,
 * configured apps, ISO regions); a number or a verification id never becomes a tag. Meters whose tags are known
 * up front are registered then, so dashboards show zeroes and the hot path is two map lookups and an increment;
 * approvals per country are registered on the first approval of each pair and kept, never looked up in the
 * registry again.
 */
@Component
class CheckMetrics implements CodeCheck.Observer {

    static final String CHECKS = "otp.checks";
    static final String APPROVED = "otp.verifications.approved";
    static final String TIME_TO_VERIFY = "otp.time.to.verify";

    private final MeterRegistry registry;
    private final Map<String, Map<CheckResult, Counter>> checksByApp = new ConcurrentHashMap<>();
    private final Map<String, Timer> timeToVerifyByApp = new ConcurrentHashMap<>();
    private final Map<String, Counter> approvedByAppAndCountry = new ConcurrentHashMap<>();

    CheckMetrics(MeterRegistry registry, ProducerAppsProperties apps) {
        this.registry = registry;
        apps.apps().forEach(app -> {
            checksByApp.put(app.id(), registerChecks(app.id()));
            timeToVerifyByApp.put(app.id(), registerTimeToVerify(app.id()));
        });
    }

    /** Counts every check; only the check that approved (the script's transition) counts an approval. */
    @Override
    public void checked(String appId, CheckOutcome outcome, Instant checkedAt) {
        record(appId, outcome.result());
        CheckOutcome.Transition transition = outcome.transition();
        if (outcome.result() == CheckResult.APPROVED && transition != null) {
            Instant createdAt = transition.createdAt();
            approved(appId, transition.country(), createdAt == null ? null : Duration.between(createdAt, checkedAt));
        }
    }

    @Override
    public void malformed(String appId) {
        record(appId, CheckResult.INVALID);
    }

    private void record(String appId, CheckResult result) {
        checksByApp.computeIfAbsent(appId, this::registerChecks).get(result).increment();
    }

    /** Approvals per country are the numerator of conversion; the region set is too large to register up front. */
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

    private Map<CheckResult, Counter> registerChecks(String appId) {
        Map<CheckResult, Counter> counters = new EnumMap<>(CheckResult.class);
        for (CheckResult result : CheckResult.values()) {
            counters.put(result, Counter.builder(CHECKS)
                    .description("Submitted one-time codes, by outcome")
                    .tag("app", appId)
                    .tag("result", result.tag())
                    .register(registry));
        }
        return counters;
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
