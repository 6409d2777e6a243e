package dev.voiceotp.gateway.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The webhook meters of docs/metrics.md: {@code otp.webhooks.deliveries} (app, outcome: delivered, retried,
 * dead_lettered), {@code otp.webhooks.dead.letters} (app, reason) and {@code otp.webhooks.latency} (app: from the
 * event to the app's 2xx). Registered up front for every app with a callback, so dashboards and the alert see zeroes.
 */
final class WebhookMetrics {

    static final String DELIVERIES = "otp.webhooks.deliveries";
    static final String DEAD_LETTERS = "otp.webhooks.dead.letters";
    static final String LATENCY = "otp.webhooks.latency";
    /** Every reason a delivery is given up for. */
    static final String[] DEAD_LETTER_REASONS = {"4xx", "redirect", "destination_refused", "gave_up"};

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

    WebhookMetrics(MeterRegistry registry, Iterable<String> appIds) {
        this.registry = registry;
        for (String app : appIds) {
            for (String outcome : new String[] {"delivered", "retried", "dead_lettered"}) {
                outcome(app, outcome);
            }
            for (String reason : DEAD_LETTER_REASONS) {
                deadLetters(app, reason);
            }
            latency(app);
        }
    }

    void delivered(String app, Duration sinceEvent) {
        outcome(app, "delivered").increment();
        if (!sinceEvent.isNegative()) {
            latency(app).record(sinceEvent);
        }
    }

    void retried(String app) {
        outcome(app, "retried").increment();
    }

    /** @param reason one of {@link #DEAD_LETTER_REASONS} */
    void deadLettered(String app, String reason) {
        outcome(app, "dead_lettered").increment();
        deadLetters(app, reason).increment();
    }

    private Counter deadLetters(String app, String reason) {
        return counters.computeIfAbsent(app + " reason " + reason, key -> Counter.builder(DEAD_LETTERS)
                .description("Webhook deliveries given up and sent to otp.webhooks.dlt, by app and reason")
                .tag("app", app).tag("reason", reason).register(registry));
    }

    private Counter outcome(String app, String outcome) {
        return counters.computeIfAbsent(app + " " + outcome, key -> Counter.builder(DELIVERIES)
                .description("Webhook delivery attempts, by app and outcome").tag("app", app).tag("outcome", outcome)
                .register(registry));
    }

    private Timer latency(String app) {
        return latencies.computeIfAbsent(app, key -> Timer.builder(LATENCY)
                .description("From a lifecycle event to its delivery (the app's 2xx), retries included")
                .tag("app", app).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(1))
                .register(registry));
    }
}
