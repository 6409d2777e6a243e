package dev.voiceotp.verifier.check;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.check.ApprovalMetrics;
import dev.voiceotp.contract.check.CheckOutcome;
import dev.voiceotp.contract.check.CheckResult;
import dev.voiceotp.contract.check.CodeCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The check meters of docs/metrics.md: {@code otp.checks} (app, result), and the approvals ({@link ApprovalMetrics}:
 * {@code otp.verifications.approved} by app and country, {@code otp.time.to.verify} by app). Every tag comes from a
 * closed set (fixed results, configured apps, ISO regions); a number or a verification id never becomes a tag. The
 * checks' meters are registered up front for each configured app, so dashboards show zeroes and the hot path is two
 * map lookups and an increment.
 */
@Component
class CheckMetrics implements CodeCheck.Observer {

    static final String CHECKS = "otp.checks";

    private final MeterRegistry registry;
    private final ApprovalMetrics approvals;
    private final Map<String, Map<CheckResult, Counter>> checksByApp = new ConcurrentHashMap<>();

    CheckMetrics(MeterRegistry registry, ProducerAppsProperties apps) {
        this.registry = registry;
        this.approvals = new ApprovalMetrics(registry, apps);
        apps.apps().forEach(app -> checksByApp.put(app.id(), registerChecks(app.id())));
    }

    /** Counts every check; only the check that approved (the script's transition) counts an approval. */
    @Override
    public void checked(String appId, CheckOutcome outcome, Instant checkedAt) {
        record(appId, outcome.result());
        approvals.checked(appId, outcome, checkedAt);
    }

    @Override
    public void malformed(String appId) {
        record(appId, CheckResult.INVALID);
    }

    private void record(String appId, CheckResult result) {
        checksByApp.computeIfAbsent(appId, this::registerChecks).get(result).increment();
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
}
