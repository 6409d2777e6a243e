package dev.voiceotp.verifier.web;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;

/**
 * Starts work for a request inside the request's observation when it has one. Spring hands the observation of a
 * request down in the Reactor context only; the Redis client looks for the current one on the calling thread when a
 * command is sent, so a traced check's Redis command becomes a child span of the check only with this. An untraced
 * request's observation is a no-op, and nothing is opened for it.
 */
public final class RequestObservation {

    private RequestObservation() {
    }

    /**
     * The work's result. A subscriber that goes away does not cancel the work: a check already on its way to Redis
     * must still be counted and reported.
     */
    public static <T> Mono<T> within(Supplier<CompletableFuture<T>> work) {
        return Mono.deferContextual(context -> {
            Observation observation = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
            if (observation == null || observation.isNoop()) {
                return Mono.fromFuture(work.get(), true);
            }
            try (Observation.Scope scope = observation.openScope()) {
                return Mono.fromFuture(work.get(), true);
            }
        });
    }
}
