package dev.voiceotp.verifier.redis;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.lettuce.core.protocol.CompleteableCommand;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.tracing.TraceContext;
import io.lettuce.core.tracing.TraceContextProvider;
import io.lettuce.core.tracing.Tracer;
import io.lettuce.core.tracing.TracerProvider;
import io.lettuce.core.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Lettuce's command tracing at the cost of a timer for commands outside a traced request. Boot's Micrometer
 * tracing observes every command: a span even when it is not sampled, its context, the timer looked up by its tags
 * and an active-commands gauge, which on a check costs more than the rest of the Redis client. Here a command sent
 * while an observation is current (a traced request) is still observed in full by {@code observed}, a child span
 * included; every other command only records the {@code lettuce} timer, with the tags Lettuce's observation
 * convention gives it ({@code db.system}, {@code db.operation}, the peer's address, port and transport, and
 * {@code error}), so the Redis panels and alerts read the same series as before. Each timer is resolved once.
 */
public final class LeanRedisTracing implements Tracing {

    static final String TIMER = "lettuce";
    private static final String NONE = "none";

    private final Tracing observed;
    private final MeterRegistry meters;
    private final Map<Tags, Timer> timers = new ConcurrentHashMap<>();
    private final Tracer tracer = new LeanTracer();

    /** @param observed Lettuce's Micrometer tracing, used for commands inside a traced request */
    public LeanRedisTracing(Tracing observed, MeterRegistry meters) {
        this.observed = observed;
        this.meters = meters;
    }

    @Override
    public TracerProvider getTracerProvider() {
        return () -> tracer;
    }

    /** The current observation, if any, captured when a command is sent: what decides between the two paths. */
    @Override
    public TraceContextProvider initialTraceContextProvider() {
        return observed.initialTraceContextProvider();
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
