package dev.voiceotp.verifier.web;

import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;

import dev.voiceotp.contract.web.ServerRequestTimers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * HTTP server observation at the cost of a timer, for requests that are not traced. Spring's generic observation
 * costs more than a check itself: a span even when it is not sampled, its scope, the trace headers parsed, the timer
 * looked up by its tags, an active-requests gauge. The verifier runs it only for a request that carries a sampled
 * W3C trace context ({@code traceparent} with the sampled flag), so a producer app's traces still continue through
 * its checks; the verifier starts no HTTP traces of its own.
 *
 * <p>Every other request is timed here into the same {@code http.server.requests} timers, with the tags Spring's
 * convention gives them ({@code uri} is the matched route pattern, {@code error} and {@code exception} name an
 * error that escaped the handlers), each resolved once and kept.
 */
public final class LeanServerObservation implements ObservationPredicate, WebFilter, Ordered {

    static final String SERVER_REQUESTS = ServerRequestTimers.NAME;

    private final ServerRequestTimers timers;

    public LeanServerObservation(MeterRegistry registry) {
        this.timers = new ServerRequestTimers(registry);
    }

    /** Whether Spring observes the request: only a traced one. Every other observation is left as it is. */
    @Override
    public boolean test(String name, Observation.Context context) {
        return !(SERVER_REQUESTS.equals(name) && context instanceof ServerRequestObservationContext server && !traced(server.getCarrier()));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (traced(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        Throwable[] escaped = new Throwable[1];
        return chain.filter(exchange)
                .doOnError(error -> escaped[0] = error)
                .doFinally(signal -> timer(exchange, signal, escaped[0]).record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
    }

    /** First, so that the time covers every other filter, as Spring's observation does. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** A W3C {@code traceparent} ({@code 00-<trace id>-<parent id>-<flags>}) whose flags have the sampled bit. */
    static boolean traced(ServerHttpRequest request) {
        return ServerRequestTimers.sampled(request.getHeaders().getFirst("traceparent"));
    }

    private Timer timer(ServerWebExchange exchange, SignalType signal, @Nullable Throwable error) {
        HttpStatusCode status = error != null ? statusOf(error) : exchange.getResponse().getStatusCode();
        String statusTag = signal == SignalType.CANCEL || status == null ? "UNKNOWN" : Integer.toString(status.value());
        String outcome = signal == SignalType.CANCEL || status == null ? Outcome.UNKNOWN.name() : Outcome.forStatus(status.value()).name();
        return timers.timer(uri(exchange, status), exchange.getRequest().getMethod().name(), statusTag, outcome, error);
    }

    /** As Spring's convention: the route pattern, else REDIRECTION, NOT_FOUND, root or UNKNOWN. */
    private static String uri(ServerWebExchange exchange, @Nullable HttpStatusCode status) {
        PathPattern pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern != null) {
            return pattern.getPatternString().isEmpty() ? "root" : pattern.getPatternString();
        }
        if (status != null && status.is3xxRedirection()) {
            return "REDIRECTION";
        }
        if (status != null && status.value() == HttpStatus.NOT_FOUND.value()) {
            return "NOT_FOUND";
        }
        return exchange.getRequest().getPath().value().isEmpty() ? "root" : "UNKNOWN";
    }

    /** An error that escaped the handlers is answered by the error handlers after this filter: as they will. */
    private static HttpStatusCode statusOf(Throwable error) {
        return error instanceof ResponseStatusException responseStatus ? responseStatus.getStatusCode() : HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
