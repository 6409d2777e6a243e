package dev.voiceotp.worker.callflow;

import java.util.List;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code otp.webhooks{kind, outcome}}: every Plivo callback, registered up front for every kind and outcome.
 * The kind is the first path segment after {@code /plivo/}; anything else counts as {@code other}.
 */
@Component
class WebhookMetrics {

    /** The webhook routes; a machine answer comes on the answer (or digits) webhook, counted there. */
    static final List<String> KINDS = List.of("answer", "hangup", "ring", "digits");
    static final List<String> OUTCOMES = List.of("accepted", "forged", "replayed", "unknown_call");

    private final MeterRegistry meters;

    WebhookMetrics(MeterRegistry meters) {
        this.meters = meters;
        KINDS.forEach(kind -> OUTCOMES.forEach(outcome -> counter(kind, outcome)));
    }

    void count(String requestUri, String outcome) {
        counter(kindOf(requestUri), outcome).increment();
    }

    static String kindOf(String requestUri) {
        String[] segments = requestUri.split("/");
        // "", "plivo", kind, token...
        return segments.length > 2 && KINDS.contains(segments[2]) ? segments[2] : "other";
    }

    private Counter counter(String kind, String outcome) {
        return Counter.builder("otp.webhooks").description("Plivo callbacks by kind and outcome")
                .tag("kind", kind).tag("outcome", outcome).register(meters);
    }
}
