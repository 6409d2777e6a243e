package dev.voiceotp.contract.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.voiceotp.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.tracing.MicrometerTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * Against a real redis-server: a command sent inside a sampled trace is observed in full (a child of the request's
 * observation); one inside an unsampled trace, or outside any, is only timed, into the same {@code lettuce} timer.
 */
class LeanRedisTracingTest {

    private static RedisServerProcess redis;

    private final List<Observation.Context> started = new CopyOnWriteArrayList<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.startOnFreePort();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    void shouldObserveACommandInsideASampledTrace() {
        List<String> parents = run(Sampler.alwaysOn(), true);

        assertThat(parents).containsExactly("http.server.requests");
        assertThat(getTimer().count()).as("a traced command is timed by its observation").isEqualTo(1);
    }

    @Test
    void shouldOnlyTimeACommandInsideAnUnsampledTrace() {
        List<String> parents = run(Sampler.alwaysOff(), true);

        assertThat(parents).isEmpty();
        assertThat(getTimer().count()).isEqualTo(1);
        assertThat(getTimer().getId().getTag("net.sock.peer.port")).isEqualTo(Integer.toString(redis.port()));
        assertThat(getTimer().getId().getTag("error")).isEqualTo("none");
    }

    @Test
    void shouldOnlyTimeACommandOutsideAnyObservation() {
        List<String> parents = run(Sampler.alwaysOn(), false);

        assertThat(parents).isEmpty();
        assertThat(getTimer().count()).isEqualTo(1);
    }

    /** One GET, inside an observation of a request traced with the sampler, or outside; the lettuce observations' parents. */
    private List<String> run(Sampler sampler, boolean insideRequest) {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig()
                .observationHandler(new DefaultTracingObservationHandler(tracer(sampler)))
                .observationHandler(new Recorder());
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        ClientResources resources = ClientResources.builder()
                .tracing(new LeanRedisTracing(new MicrometerTracing(observations, "Redis"), observations, meters)).build();
        RedisClient client = RedisClient.create(resources, redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> commands = connection.sync();
            // the handshake's commands are timed too: count only the GET
            if (insideRequest) {
                Observation.createNotStarted("http.server.requests", observations).observe(() -> commands.get("{otp}:test:lean"));
            } else {
                commands.get("{otp}:test:lean");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> getTimerOrNull() != null && getTimerOrNull().count() == 1);
        } finally {
            client.shutdown();
            resources.shutdown();
        }
        return started.stream().filter(context -> context.getName().equals(LeanRedisTracing.TIMER))
                .map(context -> context.getParentObservation() == null ? "none" : context.getParentObservation().getContextView().getName())
                .toList();
    }

    private static OtelTracer tracer(Sampler sampler) {
        OtelCurrentTraceContext current = new OtelCurrentTraceContext();
        SdkTracerProvider provider = SdkTracerProvider.builder().setSampler(sampler).build();
        return new OtelTracer(provider.get("test"), current, event -> { }, new OtelBaggageManager(current, List.of(), List.of()));
    }

    private Timer getTimer() {
        Timer timer = getTimerOrNull();
        assertThat(timer).isNotNull();
        return timer;
    }

    private Timer getTimerOrNull() {
        return meters.find(LeanRedisTracing.TIMER).tag("db.operation", "GET").timer();
    }

    private final class Recorder implements ObservationHandler<Observation.Context> {

        @Override
        public void onStart(Observation.Context context) {
            started.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }
    }
}
