package dev.voiceotp.contract.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/** The sampling test every service uses, over the OpenTelemetry tracer the services run with. */
class SamplingTest {

    @Test
    void shouldTellASampledCurrentSpanFromAnUnsampledOneAndFromNone() {
        Tracer sampling = tracer(Sampler.alwaysOn());
        Tracer dropping = tracer(Sampler.alwaysOff());

        assertThat(Sampling.currentlySampled(sampling)).as("no current span").isFalse();
        assertThat(Sampling.currentlySampled(null)).as("no tracing").isFalse();
        assertThat(Sampling.sampled(null)).isFalse();
        assertThat(within(sampling)).isTrue();
        assertThat(within(dropping)).isFalse();
    }

    private static boolean within(Tracer tracer) {
        Span span = tracer.nextSpan().name("request").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return Sampling.currentlySampled(tracer) && Sampling.sampled(span);
        } finally {
            span.end();
        }
    }

    private static Tracer tracer(Sampler sampler) {
        OtelCurrentTraceContext current = new OtelCurrentTraceContext();
        SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(sampler).build();
        return new OtelTracer(provider.get("test"), current, event -> { }, new OtelBaggageManager(current, List.of(), List.of()));
    }
}
