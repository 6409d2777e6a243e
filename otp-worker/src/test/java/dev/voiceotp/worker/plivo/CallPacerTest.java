package dev.voiceotp.worker.plivo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.voiceotp.worker.TestProperties;
import dev.voiceotp.worker.WorkerProperties;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class CallPacerTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void shouldSpaceConcurrentCallsEvenly() throws InterruptedException {
        CallPacer pacer = pacer(Map.of("voice-otp.worker.pacing.calls-per-second", "10", "voice-otp.worker.pacing.jitter-tolerance", "0ms"));
        ConcurrentLinkedQueue<Long> granted = new ConcurrentLinkedQueue<>();

        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                callers.execute(() -> {
                    if (pacer.awaitSlot(Duration.ofSeconds(5)).isPresent()) {
                        granted.add(System.nanoTime());
                    }
                });
            }
            callers.shutdown();
            assertThat(callers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        List<Long> times = granted.stream().sorted().toList();
        assertThat(times).hasSize(8);
        // slots are 100 ms apart; what the test sees is each caller waking up after its slot, late by a few ms (tens
        // on a loaded machine): so each gap is judged loosely, and the whole span, which no wake-up delay shortens
        // by more than one such delay, strictly
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.ofNanos(times.get(i) - times.get(i - 1))).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
        assertThat(Duration.ofNanos(times.getLast() - times.getFirst())).isGreaterThanOrEqualTo(Duration.ofMillis(650));
        assertThat(meters.get("otp.pacing.wait").timer().count()).isEqualTo(8);
    }

    @Test
    void shouldAskTheBucketOncePerCallWhileItAloneTakesTheSlots() {
        WorkerProperties properties = TestProperties.worker(Map.of("voice-otp.worker.pacing.calls-per-second", "20"));
        AtomicInteger probes = new AtomicInteger();
        Bucket counted = countingProbes(localBucket(properties), probes);
        CallPacer pacer = new CallPacer(counted, properties, meters);

        for (int i = 0; i < 4; i++) {
            assertThat(pacer.awaitSlot(Duration.ofSeconds(2))).isPresent();
        }

        // without the pacer's own lower bound each call after the first asked twice: "none yet", then "taken"
        assertThat(probes).hasValue(4);
    }

    @Test
    void shouldStillWaitForASlotAnotherWorkerTook() {
        WorkerProperties properties = TestProperties.worker(Map.of("voice-otp.worker.pacing.calls-per-second", "10"));
        Bucket shared = localBucket(properties);
        CallPacer pacer = new CallPacer(shared, properties, meters);
        CallPacer otherWorker = new CallPacer(shared, properties, new SimpleMeterRegistry());

        assertThat(otherWorker.awaitSlot(Duration.ZERO)).isPresent();

        // this pacer took no slot yet, so only the bucket knows that the next one is about 110 ms away
        assertThat(pacer.awaitSlot(Duration.ofMillis(20))).isEmpty();
        assertThat(pacer.awaitSlot(Duration.ofSeconds(2))).isPresent();
    }

    @Test
    void shouldGiveUpWhenNoSlotComesWithinTheMaxWait() {
        CallPacer pacer = pacer(Map.of("voice-otp.worker.pacing.calls-per-second", "1"));

        assertThat(pacer.awaitSlot(Duration.ofMillis(200))).isPresent();
        assertThat(pacer.awaitSlot(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void shouldGrantEveryCallAtOnceWithPacingOff() {
        CallPacer pacer = pacer(Map.of("voice-otp.worker.pacing.calls-per-second", "1", "voice-otp.worker.pacing.enabled", "false"));

        for (int i = 0; i < 5; i++) {
            assertThat(pacer.awaitSlot(Duration.ZERO)).isPresent();
        }
        assertThat(meters.get("otp.pacing.handed.back").counter().count()).isZero();
    }

    @Test
    void shouldSendNothingOnAFreshSlotWhenTheBucketCannotBeAsked() {
        WorkerProperties properties = TestProperties.worker(Map.of("voice-otp.worker.pacing.calls-per-second", "10"));
        Bucket failing = (Bucket) Proxy.newProxyInstance(Bucket.class.getClassLoader(), new Class<?>[] {Bucket.class}, (proxy, method, args) -> {
            throw new IllegalStateException("Redis is away"); // as Lettuce throws when Redis cannot be reached
        });
        CallPacer pacer = new CallPacer(failing, properties, meters);

        // the call's request would otherwise fail outside the SDK's exceptions, with its claim left behind
        assertThatThrownBy(pacer::retake).isInstanceOf(NoCallSlotException.class).hasMessageContaining("IllegalStateException");
    }

    private CallPacer pacer(Map<String, String> settings) {
        WorkerProperties properties = TestProperties.worker(settings);
        return new CallPacer(localBucket(properties), properties, meters);
    }

    /** The account's bucket as {@link PacingConfiguration} builds it, held in memory. */
    static Bucket localBucket(WorkerProperties properties) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(1).refillGreedy(1, properties.pacing().spacing()).build()).build();
    }

    /** {@code bucket}, counting how often it is asked for a slot (each time a Redis round trip for the real one). */
    private static Bucket countingProbes(Bucket bucket, AtomicInteger probes) {
        return (Bucket) Proxy.newProxyInstance(Bucket.class.getClassLoader(), new Class<?>[] {Bucket.class}, (proxy, method, args) -> {
            if (method.getName().equals("tryConsumeAndReturnRemaining")) {
                probes.incrementAndGet();
            }
            return method.invoke(bucket, args);
        });
    }
}
