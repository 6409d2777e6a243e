package dev.voiceotp.contract.redis;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.voiceotp.contract.tracing.Sampling;
import io.lettuce.core.protocol.CompleteableCommand;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.tracing.TraceContext;
import io.lettuce.core.tracing.TraceContextProvider;
import io.lettuce.core.tracing.Tracer;
import io.lettuce.core.tracing.TracerProvider;
import io.lettuce.core.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.tracing.handler.TracingObservationHandler;
import reactor.core.publisher.Mono;

/**
 * Lettuce's command tracing at the cost of a timer for commands outside a sampled trace. Boot's Micrometer
 * tracing observes every command: a span even when it is not sampled, its context, the timer looked up by its tags
 * and an active-commands gauge, which on a check costs more than the rest of the Redis client, and a call placed
 * sends some fifty commands. Here a command sent while a sampled observation is current (a traced request or
 * record) is still observed in full by {@code observed}, a child span included; every other command (no current
 * observation, or one whose trace is not sampled) only records the {@code lettuce} timer, with the tags Lettuce's
 * observation convention gives it ({@code db.system}, {@code db.operation}, the peer's address, port and
 * transport, and {@code error}), so the Redis panels and alerts read the same series as before. Each timer is
 * resolved once. Installed in every service by {@link LeanRedisTracingAutoConfiguration}.
 */
public final class LeanRedisTracing implements Tracing {

    /** The timer Lettuce's observation records into, and this class too. */
    public static final String TIMER = "lettuce";
    private static final String NONE = "none";

    private final Tracing observed;
    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final Map<Tags, Timer> timers = new ConcurrentHashMap<>();
    private final Tracer tracer = new LeanTracer();

    /**
     * @param observed Lettuce's Micrometer tracing over {@code observations}, used for commands inside a sampled
     *        trace
     */
    public LeanRedisTracing(Tracing observed, ObservationRegistry observations, MeterRegistry meters) {
        this.observed = observed;
        this.observations = observations;
        this.meters = meters;
    }

    @Override
    public TracerProvider getTracerProvider() {
        return () -> tracer;
    }

    /**
     * The current observation when its trace is sampled, captured when a command is sent: what decides between the
     * two paths. An unsampled one is hidden, so its commands take the timer.
     */
    @Override
    public TraceContextProvider initialTraceContextProvider() {
        return new SampledOnly(observed.initialTraceContextProvider(), observations);
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public boolean includeCommandArgsInSpanTags() {
        return false;
    }

    @Override
    public Endpoint createEndpoint(SocketAddress socketAddress) {
        return new Peer(socketAddress, observed.createEndpoint(socketAddress));
    }

    /**
     * Lettuce's context provider, which hands out the current observation (from the thread, or from the Reactor
     * context of a reactive command), limited to observations whose span is sampled.
     */
    private record SampledOnly(TraceContextProvider observed, ObservationRegistry observations) implements TraceContextProvider {

        @Override
        public @Nullable TraceContext getTraceContext() {
            Observation current = observations.getCurrentObservation();
            return current != null && sampled(current) ? observed.getTraceContext() : null;
        }

        @Override
        public Mono<TraceContext> getTraceContextLater() {
            return Mono.deferContextual(view -> {
                Object current = view.getOrDefault(Observation.class, view.getOrDefault(ObservationThreadLocalAccessor.KEY, null));
                return current instanceof Observation observation && !sampled(observation) ? Mono.empty() : observed.getTraceContextLater();
            });
        }

        /** Whether the tracing handler gave the observation a span, and that span's trace is sampled. */
        private static boolean sampled(Observation observation) {
            TracingObservationHandler.TracingContext tracing = observation.getContextView().get(TracingObservationHandler.TracingContext.class);
            return tracing != null && Sampling.sampled(tracing.getSpan());
        }
    }

    /** The peer of a connection, in the form each path needs. */
    private record Peer(SocketAddress address, Endpoint observed) implements Endpoint {
    }

    private final class LeanTracer extends Tracer {

        @Override
        public Span nextSpan() {
            return new TimedSpan();
        }

        @Override
        public Span nextSpan(@Nullable TraceContext context) {
            return context == null ? new TimedSpan() : new ObservedSpan(observed.getTracerProvider().getTracer().nextSpan(context));
        }
    }

    /** Lettuce's own span, handed the endpoint form its convention reads. */
    private static final class ObservedSpan extends Tracer.Span {

        private final Tracer.Span span;

        ObservedSpan(Tracer.Span span) {
            this.span = span;
        }

        @Override
        public Tracer.Span start(RedisCommand<?, ?, ?> command) {
            span.start(command);
            return this;
        }

        @Override
        public Tracer.Span name(String name) {
            span.name(name);
            return this;
        }

        @Override
        public Tracer.Span annotate(String annotation) {
            span.annotate(annotation);
            return this;
        }

        @Override
        public Tracer.Span tag(String key, String value) {
            span.tag(key, value);
            return this;
        }

        @Override
        public Tracer.Span error(Throwable throwable) {
            span.error(throwable);
            return this;
        }

        @Override
        public Tracer.Span remoteEndpoint(Endpoint endpoint) {
            span.remoteEndpoint(endpoint instanceof Peer peer ? peer.observed() : endpoint);
            return this;
        }

        @Override
        public void finish() {
            span.finish();
        }
    }

    /** Times one command from its start to its completion, as the observation's timer would. */
    private final class TimedSpan extends Tracer.Span {

        private long startNanos;
        private String operation = "UNKNOWN";
        private @Nullable SocketAddress peer;
        private String error = NONE;

        @Override
        public Tracer.Span start(RedisCommand<?, ?, ?> command) {
            operation = command.getType().toString();
            startNanos = System.nanoTime();
            if (command instanceof CompleteableCommand<?> completeable) {
                completeable.onComplete((result, failure) -> {
                    // as Lettuce's span: an error reply from Redis is not a failure of the command's transport
                    if (failure != null && command.getOutput() != null && command.getOutput().getError() == null) {
                        error(failure);
                    }
                    finish();
                });
            }
            return this;
        }

        @Override
        public Tracer.Span name(String name) {
            return this;
        }

        @Override
        public Tracer.Span annotate(String annotation) {
            return this;
        }

        @Override
        public Tracer.Span tag(String key, String value) {
            return this;
        }

        @Override
        public Tracer.Span error(Throwable throwable) {
            error = throwable.getClass().getSimpleName();
            return this;
        }

        @Override
        public Tracer.Span remoteEndpoint(Endpoint endpoint) {
            peer = endpoint instanceof Peer known ? known.address() : null;
            return this;
        }

        @Override
        public void finish() {
            long elapsed = System.nanoTime() - startNanos;
            timers.computeIfAbsent(new Tags(operation, peer, error), LeanRedisTracing.this::register).record(elapsed, TimeUnit.NANOSECONDS);
        }
    }

    private Timer register(Tags tags) {
        Timer.Builder timer = Timer.builder(TIMER)
                .tag("db.system", "redis")
                .tag("db.operation", tags.operation())
                .tag("error", tags.error());
        if (tags.peer() instanceof InetSocketAddress inet) {
            timer.tag("net.sock.peer.addr", inet.getHostString())
                    .tag("net.sock.peer.port", Integer.toString(inet.getPort()))
                    .tag("net.transport", "IP.TCP");
        } else if (tags.peer() != null) {
            timer.tag("net.peer.name", tags.peer().toString()).tag("net.transport", "Unix");
        }
        return timer.register(meters);
    }

    private record Tags(String operation, @Nullable SocketAddress peer, String error) {
    }
}
