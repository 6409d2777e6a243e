package dev.voiceotp.verifier.check;

import dev.voiceotp.contract.check.CheckResult;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code otp.checks} counter, tagged {@code result} and {@code app}. Both tag sets are bounded (fixed
 * results, configured apps), and a number or a verification id never becomes a tag. Counters are registered
 * up front so the hot path is two map lookups and an increment, not a registry lookup per check.
 */
@Component
class CheckMetrics {

    static final String NAME = "otp.checks";

    private final MeterRegistry registry;
    private final Map<String, Map<CheckResult, Counter>> countersByApp = new ConcurrentHashMap<>();

    CheckMetrics(MeterRegistry registry, ProducerAppsProperties apps) {
        this.registry = registry;
        apps.apps().forEach(app -> countersByApp.put(app.id(), register(app.id())));
    }

    void record(String appId, CheckResult result) {
        countersByApp.computeIfAbsent(appId, this::register).get(result).increment();
    }

    private Map<CheckResult, Counter> register(String appId) {
        Map<CheckResult, Counter> counters = new EnumMap<>(CheckResult.class);
        for (CheckResult result : CheckResult.values()) {
            counters.put(result, Counter.builder(NAME)
                    .description("Submitted one-time codes, by outcome")
                    .tag("app", appId)
                    .tag("result", result.tag())
                    .register(registry));
        }
        return counters;
    }
}
