package dev.voiceotp.gateway.dispatch;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.web.ApiProblem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code otp.requests}: what became of each dispatch request, per producer app. Tags are the app id and a
 * closed set of outcomes, never numbers or ids, so the series count stays apps x outcomes. Counters are
 * registered up front so dashboards show zeroes instead of gaps.
 */
@Component
class DispatchMetrics {

    enum Outcome {
        ACCEPTED, IDEMPOTENT_REPLAY, INVALID, KAFKA_UNAVAILABLE, STORAGE_UNAVAILABLE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Map<Outcome, Counter>> countersByApp = new ConcurrentHashMap<>();

    DispatchMetrics(MeterRegistry registry, ProducerAppsProperties apps) {
        this.registry = registry;
        apps.apps().forEach(app -> countersFor(app.id()));
    }

    void count(String appId, Outcome outcome) {
        countersFor(appId).get(outcome).increment();
    }

    /** Runs a request's validation, counting it as {@link Outcome#INVALID} when it is refused. */
    <T> T validated(String appId, Supplier<T> validation) {
        try {
            return validation.get();
        } catch (ApiProblem refused) {
            count(appId, Outcome.INVALID);
            throw refused;
        }
    }

    private Map<Outcome, Counter> countersFor(String appId) {
        return countersByApp.computeIfAbsent(appId, id -> {
            Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                counters.put(outcome, Counter.builder("otp.requests")
                        .description("Verification requests by producer app and outcome")
                        .tag("app", id).tag("outcome", outcome.tag())
                        .register(registry));
            }
            return counters;
        });
    }
}
