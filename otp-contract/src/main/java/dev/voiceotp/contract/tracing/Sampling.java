package dev.voiceotp.contract.tracing;

import org.jspecify.annotations.Nullable;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * Whether work belongs to a sampled trace: the one test that decides, in every service, between observing
 * something in full (a span of its own) and only timing it. An unsampled trace records nothing, so observing its
 * work would cost a span, scopes and a timer lookup for no trace at all.
 */
public final class Sampling {

    private Sampling() {
    }

    /** True for a span whose trace is sampled; false for none, or an unsampled one. */
    public static boolean sampled(@Nullable Span span) {
        return span != null && Boolean.TRUE.equals(span.context().sampled());
    }

    /** True inside a sampled trace; false without tracing, without a current span, or when it is not sampled. */
    public static boolean currentlySampled(@Nullable Tracer tracer) {
        return tracer != null && sampled(tracer.currentSpan());
    }
}
