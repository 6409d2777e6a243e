package dev.voiceotp.contract.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The {@code http.server.requests} timers of requests that a service times without Spring's observation (its
 * {@code LeanServerObservation}: requests outside a sampled trace), with the tags Spring's convention gives them,
 * each timer resolved once and kept.
 */
public final class ServerRequestTimers {

    public static final String NAME = "http.server.requests";
    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final Map<Tags, Timer> timers = new ConcurrentHashMap<>();

    public ServerRequestTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A W3C {@code traceparent} ({@code 00-<trace id>-<parent id>-<flags>}) whose flags have the sampled bit. */
    public static boolean sampled(@Nullable String traceparent) {
        if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(52) != '-') {
            return false;
        }
        int flags = Character.digit(traceparent.charAt(54), 16);
        return flags >= 0 && (flags & 1) == 1;
    }

    /**
     * @param uri the matched route pattern, or REDIRECTION, NOT_FOUND, root, UNKNOWN as Spring names the others
     * @param escaped an exception that escaped the handlers, named in the {@code exception} and {@code error} tags
     */
    public Timer timer(String uri, String method, String status, String outcome, @Nullable Throwable escaped) {
        return timers.computeIfAbsent(new Tags(uri, method, status, outcome, escaped == null ? NONE : escaped.getClass().getSimpleName()),
                this::register);
    }

    private Timer register(Tags tags) {
        return Timer.builder(NAME)
                .tag("uri", tags.uri())
                .tag("method", tags.method())
                .tag("status", tags.status())
                .tag("outcome", tags.outcome())
                .tag("exception", tags.exception())
                .tag("error", tags.exception())
                .register(registry);
    }

    private record Tags(String uri, String method, String status, String outcome, String exception) {
    }
}
