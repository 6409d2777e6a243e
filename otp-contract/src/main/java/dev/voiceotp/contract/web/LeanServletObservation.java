package dev.voiceotp.contract.web;

import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

/**
 * HTTP server observation at the cost of a timer, for requests that are not traced (servlet services). Spring's
 * generic observation of a request (a span even when it is not sampled, its scope, the trace headers parsed, the timer
 * looked up by its tags) costs more than a short request's own work. Spring observes only a request that is traced:
 * one whose W3C {@code traceparent} has the sampled flag, or one without trace context that this filter picks to
 * start a trace (a share {@code rootProbability} of them; none in a service that starts no traces of its own). Every
 * other request is timed here into the same {@code http.server.requests} timers, with the tags Spring's convention
 * gives them ({@code uri} is the matched route pattern, {@code exception} and {@code error} name an exception that
 * escaped the handlers).
 *
 * <p>Where the filter picks, the tracer's root sampler must follow it: {@link #pickedToStartATrace()} says, on the
 * request's thread, whether the request being handled was picked. A request that is not traced still has a trace
 * context to pass on ({@link #unsampledTraceparent}), so that services downstream keep the decision instead of
 * sampling the same request again.
 */
public final class LeanServletObservation extends OncePerRequestFilter implements ObservationPredicate, Ordered {

    static final String SERVER_REQUESTS = ServerRequestTimers.NAME;
    private static final String PICKED = LeanServletObservation.class.getName() + ".picked";
    private static final String UNSAMPLED_TRACEPARENT = LeanServletObservation.class.getName() + ".traceparent";
    private static final ThreadLocal<Boolean> PICKED_ON_THIS_THREAD = new ThreadLocal<>();
    private static final HexFormat HEX = HexFormat.of();

    private final ServerRequestTimers timers;
    private final double rootProbability;

    /**
     * @param rootProbability the share of requests without trace context that start a trace (0 for a service whose
     *                        requests never do, such as Plivo's callbacks)
     */
    public LeanServletObservation(MeterRegistry registry, double rootProbability) {
        this.timers = new ServerRequestTimers(registry);
        this.rootProbability = rootProbability;
    }

    /** Whether Spring observes the request: only a traced one. Every other observation is left as it is. */
    @Override
    public boolean test(String name, Observation.Context context) {
        return !(SERVER_REQUESTS.equals(name) && context instanceof ServerRequestObservationContext server
                && !traced(server.getCarrier()));
    }

    /** True while the request handled on this thread runs as one this filter picked to start a trace. */
    public static boolean pickedToStartATrace() {
        return PICKED_ON_THIS_THREAD.get() != null;
    }

    /**
     * The trace context to pass on for a request that is not traced: its own unsampled {@code traceparent}, or a new
     * one (random ids, sampled flag off), the same for the whole request.
     */
    public static String unsampledTraceparent(HttpServletRequest request) {
        if (request.getAttribute(UNSAMPLED_TRACEPARENT) instanceof String traceparent) {
            return traceparent;
        }
        String incoming = request.getHeader("traceparent");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String traceparent = incoming != null ? incoming
                : "00-" + HEX.toHexDigits(random.nextLong() | 1) + HEX.toHexDigits(random.nextLong()) + "-"
                        + HEX.toHexDigits(random.nextLong() | 1) + "-00";
        request.setAttribute(UNSAMPLED_TRACEPARENT, traceparent);
        return traceparent;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ServerRequestTimers.sampled(request.getHeader("traceparent"))) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getHeader("traceparent") == null && pick()) {
            request.setAttribute(PICKED, Boolean.TRUE);
            PICKED_ON_THIS_THREAD.set(Boolean.TRUE);
            try {
                chain.doFilter(request, response);
            } finally {
                PICKED_ON_THIS_THREAD.remove();
            }
            return;
        }
        long start = System.nanoTime();
        Throwable escaped = null;
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            escaped = e;
            throw e;
        } finally {
            timer(request, response, escaped).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** First, so that the time covers every other filter, as Spring's observation does. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Traced: a sampled W3C {@code traceparent} ({@code 00-<trace id>-<parent id>-<flags>}), or picked here. */
    static boolean traced(HttpServletRequest request) {
        return request.getAttribute(PICKED) != null || ServerRequestTimers.sampled(request.getHeader("traceparent"));
    }

    private boolean pick() {
        return rootProbability > 0 && (rootProbability >= 1 || ThreadLocalRandom.current().nextDouble() < rootProbability);
    }

    private Timer timer(HttpServletRequest request, HttpServletResponse response, @Nullable Throwable escaped) {
        // an exception that escaped the filters is answered 500 by the container after this filter
        int status = escaped != null ? 500 : response.getStatus();
        return timers.timer(uri(request, status), request.getMethod(), Integer.toString(status), Outcome.forStatus(status).name(),
                escaped);
    }

    /** As Spring's convention: the route pattern, else REDIRECTION, NOT_FOUND, root or UNKNOWN. */
    private static String uri(HttpServletRequest request, int status) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern instanceof String matched) {
            return matched.isEmpty() ? "root" : matched;
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        String path = request.getRequestURI();
        return path == null || path.isEmpty() || path.equals("/") ? "root" : "UNKNOWN";
    }
}
