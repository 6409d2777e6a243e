package dev.voiceotp.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.voiceotp.worker.TestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Room for call attempts: calls-in-flight while Plivo answers, one while it fails, waiting bounded by the caller. */
class CallRoomTest {

    private static final Duration BRIEFLY = Duration.ofMillis(50);
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Far below {@link #WAIT}: a waiter let in this soon was woken, not let in by its own wait running out. */
    private static final Duration WOKEN_WITHIN = Duration.ofSeconds(1);

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final CallRoom room = new CallRoom(TestProperties.worker(Map.of("voice-otp.worker.calls-in-flight", "3")), meters);

    @Test
    void shouldHoldCallsInFlightAttemptsAndLetTheNextInWhenOneEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(room.reserve(BRIEFLY)).isTrue();
        }
        assertThat(room.reserve(BRIEFLY)).as("full").isFalse();
        assertThat(gauge("otp.calls.in.flight")).isEqualTo(3.0);

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> room.reserve(WAIT));
        await().during(BRIEFLY).atMost(WAIT).until(() -> !waiting.isDone());
        room.release();

        assertThat(waiting).as("the waiting attempt got the place that was freed").succeedsWithin(WOKEN_WITHIN).isEqualTo(true);
        assertThat(room.inFlight()).isEqualTo(3);
    }

    @Test
    void shouldLetOneAttemptAtATimeThroughWhilePlivoFails() {
        assertThat(room.reserve(BRIEFLY)).isTrue();
        room.plivoFailed();

        assertThat(gauge("otp.calls.in.flight.limit")).isEqualTo(1.0);
        assertThat(room.reserve(BRIEFLY)).as("one attempt is out already").isFalse();
        room.release();
        assertThat(room.reserve(BRIEFLY)).as("the next probe").isTrue();
        assertThat(room.reserve(BRIEFLY)).isFalse();
    }

    @Test
    void shouldOpenTheWholeRoomToTheWaitingAttemptsOncePlivoAnswers() {
        room.plivoFailed();
        assertThat(room.reserve(BRIEFLY)).isTrue();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> room.reserve(WAIT));
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> room.reserve(WAIT));
        await().during(BRIEFLY).atMost(WAIT).until(() -> !second.isDone() && !third.isDone());

        room.plivoAnswered();

        assertThat(second).succeedsWithin(WOKEN_WITHIN).isEqualTo(true);
        assertThat(third).succeedsWithin(WOKEN_WITHIN).isEqualTo(true);
        assertThat(room.inFlight()).isEqualTo(3);
        assertThat(gauge("otp.calls.in.flight.limit")).isEqualTo(3.0);
    }

    @Test
    void shouldGiveUpWithoutTakingAPlaceWhenTheWaitIsInterrupted() {
        room.plivoFailed();
        assertThat(room.reserve(BRIEFLY)).isTrue();

        Thread.currentThread().interrupt();
        try {
            assertThat(room.reserve(WAIT)).isFalse();
        } finally {
            Thread.interrupted();
        }
        assertThat(room.inFlight()).isEqualTo(1);
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
