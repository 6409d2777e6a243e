package dev.voiceotp.gateway;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.voiceotp.contract.web.LeanServletObservation;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;

/**
 * Who decides whether a request is traced. The gateway starts traces (a producer's request rarely carries trace
 * context), and an unsampled request must not pay for an observation that records nothing: the lean filter decides
 * first, with the configured probability, and lets Spring observe only the requests it picked (or that arrive in a
 * sampled trace); the tracer's root sampler then samples exactly those. Roots outside a request keep the configured
 * ratio. Boot registers the filter twice over: as a servlet filter, and as a predicate of the observation registry.
 */
@Configuration(proxyBeanMethods = false)
class ServerObservationConfiguration {

    @Bean
    LeanServletObservation leanServerObservation(MeterRegistry meters,
            @Value("${management.tracing.sampling.probability:0.1}") double probability) {
        return new LeanServletObservation(meters, probability);
    }

    /** Replaces Boot's sampler (parent-based, trace-id ratio) with one whose root follows the lean filter's pick. */
    @Bean
    Sampler otelSampler(@Value("${management.tracing.sampling.probability:0.1}") double probability) {
        return Sampler.parentBased(new PickedRequestSampler(Sampler.traceIdRatioBased(probability)));
    }

    /** Samples the root of a request the lean filter picked; any other root by the configured ratio. */
    record PickedRequestSampler(Sampler otherRoots) implements Sampler {

        @Override
        public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
                Attributes attributes, java.util.List<LinkData> parentLinks) {
            if (LeanServletObservation.pickedToStartATrace()) {
                return SamplingResult.recordAndSample();
            }
            return otherRoots.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
        }

        @Override
        public String getDescription() {
            return "PickedRequestSampler{" + otherRoots.getDescription() + "}";
        }
    }
}
