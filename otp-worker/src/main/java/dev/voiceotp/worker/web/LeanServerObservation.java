package dev.voiceotp.worker.web;

import java.io.IOException;
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

import dev.voiceotp.contract.web.ServerRequestTimers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;

/**
 * HTTP server observation at the cost of a timer, for requests that are not traced: Plivo's callbacks, several
 * per call, carry no trace context, and Spring's generic observation of each (a span even when it is not sampled,
 * its scope, the timer looked up by its tags) costs more than the callback's own work. Spring observes a request
 * only when it carries a sampled W3C {@code traceparent}; every other one is timed here into the same
 * {@code http.server.requests} timers, with the tags Spring's convention gives them ({@code uri} is the matched
 * route pattern, {@code exception} and {@code error} name an exception that escaped the handlers).
 */
public final class LeanServerObservation extends OncePerRequestFilter implements ObservationPredicate, Ordered {

    static final String SERVER_REQUESTS = ServerRequestTimers.NAME;

    private final ServerRequestTimers timers;

    public LeanServerObservation(MeterRegistry registry) {
        this.timers = new ServerRequestTimers(registry);
    }

    /** Whether Spring observes the request: only a traced one. Every other observation is left as it is. */
    @Override
    public boolean test(String name, Observation.Context context) {
        return !(SERVER_REQUESTS.equals(name) && context instanceof ServerRequestObservationContext server
                && !traced(server.getCarrier()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (traced(request)) {
            chain.doFilter(request, response);
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

    /** A W3C {@code traceparent} ({@code 00-<trace id>-<parent id>-<flags>}) whose flags have the sampled bit. */
    static boolean traced(HttpServletRequest request) {
        return ServerRequestTimers.sampled(request.getHeader("traceparent"));
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
