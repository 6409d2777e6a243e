package dev.voiceotp.gateway.dispatch;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.voiceotp.contract.app.ProducerAppsProperties;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.contract.web.ApiProblem;
import dev.voiceotp.gateway.refusal.RefusalReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The dispatch meters of {@code docs/metrics.md}: {@code otp.requests} (what became of each request),
 * {@code otp.refusals} (why one was refused) and {@code otp.verifications.requested} (accepted, per country).
 * Tags come from closed sets only, never numbers or ids. Counters whose tags are known up front (apps x outcomes,
 * apps x reasons) are registered at startup so dashboards show zeroes instead of gaps.
 */
@Component
class DispatchMetrics {

    enum Outcome {
        ACCEPTED, IDEMPOTENT_REPLAY, PENDING_REUSED, INVALID, REFUSED, KAFKA_UNAVAILABLE, STORAGE_UNAVAILABLE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }


    private final MeterRegistry registry;
    private final Map<String, Map<Outcome, Counter>> outcomesByApp = new ConcurrentHashMap<>();
    private final Map<String, Map<RefusalReason, Counter>> refusalsByApp = new ConcurrentHashMap<>();
    /** App, then country: resolved once per pair, so a request costs two map lookups and no string building. */
    private final Map<String, Map<String, Counter>> requestedByAppAndCountry = new ConcurrentHashMap<>();

    DispatchMetrics(MeterRegistry registry, ProducerAppsProperties apps) {
        this.registry = registry;
        apps.apps().forEach(app -> {
            outcomesFor(app.id());
            refusalsFor(app.id());
        });
    }

    void count(String appId, Outcome outcome) {
        outcomesFor(appId).get(outcome).increment();
    }

    void refused(String appId, RefusalReason reason) {
        count(appId, Outcome.REFUSED);
        refusalsFor(appId).get(reason).increment();
    }

    /** A verification is on Kafka: the denominator of conversion per country. */
    void requested(String appId, String region) {
        Map<String, Counter> byCountry = requestedByAppAndCountry.computeIfAbsent(appId, id -> new ConcurrentHashMap<>());
        Counter counter = byCountry.get(region);
        if (counter == null) {
            String country = PhoneNumbers.countryLabel(region);
            counter = byCountry.computeIfAbsent(region, key -> Counter.builder("otp.verifications.requested")
                    .description("Verifications accepted (on Kafka), by producer app and destination country")
                    .tag("app", appId).tag("country", country)
                    .register(registry));
        }
        counter.increment();
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

    private Map<Outcome, Counter> outcomesFor(String appId) {
        return outcomesByApp.computeIfAbsent(appId, id -> {
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

    private Map<RefusalReason, Counter> refusalsFor(String appId) {
        return refusalsByApp.computeIfAbsent(appId, id -> {
            Map<RefusalReason, Counter> counters = new EnumMap<>(RefusalReason.class);
            for (RefusalReason reason : RefusalReason.values()) {
                counters.put(reason, Counter.builder("otp.refusals")
                        .description("Requests refused before Kafka, by producer app and reason")
                        .tag("app", id).tag("reason", reason.tag())
                        .register(registry));
            }
            return counters;
        });
    }
}
