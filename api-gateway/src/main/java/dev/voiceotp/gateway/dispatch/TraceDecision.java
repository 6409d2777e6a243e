package dev.voiceotp.gateway.dispatch;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.voiceotp.contract.tracing.Sampling;
import dev.voiceotp.contract.web.LeanServletObservation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Whether the request being handled is traced (sampled). Only a sampled request's Kafka send is observed: an
 * observation of an unsampled send costs a span, scopes and a timer and records nothing. The unsampled request's
 * trace context still travels in the record's headers, so the worker follows the same decision instead of
 * sampling the request again as a trace of its own.
 */
@Component
class TraceDecision {

    private final @Nullable Tracer tracer;
    private final @Nullable Propagator propagator;

    TraceDecision(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable();
        this.propagator = propagator.getIfAvailable();
    }

    /** True inside a sampled trace; false without tracing, without a current span, or when it is not sampled. */
    boolean sampled() {
        return Sampling.currentlySampled(tracer);
    }

    /**
     * Writes the current (unsampled) trace context into the headers, as an observed send would. A request the lean
     * server observation timed has no span: it passes on the request's unsampled {@code traceparent} instead.
     */
    void propagate(Headers headers) {
        Span span = currentSpan();
        if (span != null && propagator != null) {
            propagator.inject(span.context(), headers,
                    (carrier, key, value) -> carrier.add(key, value.getBytes(StandardCharsets.UTF_8)));
        } else if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            headers.add("traceparent",
                    LeanServletObservation.unsampledTraceparent(request.getRequest()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private @Nullable Span currentSpan() {
        return tracer == null ? null : tracer.currentSpan();
    }
}
