package dev.voiceotp.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import dev.voiceotp.worker.TestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Claimed calls placed off the listener's thread: one number's calls in order, others meanwhile, room released, drained on stop. */
class CallPlacementsTest {

    private static final String ALICE = "+14155550101";
    private static final String BOB = "+14155550102";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<String> placed = new CopyOnWriteArrayList<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final CallRoom room = new CallRoom(TestProperties.worker(Map.of("voice-otp.worker.calls-in-flight", "3")), meters);
    private final CallPlacements placements = new CallPlacements(room);

    @BeforeEach
    void start() {
        placements.start();
    }

    @AfterEach
    void stop() {
        placements.stop();
        MDC.clear();
    }

    @Test
    void shouldPlaceOneNumbersCallsInOrderAndOtherNumbersMeanwhile() throws Exception {
        CountDownLatch firstCallAnswered = new CountDownLatch(1);

        submitTwoCallsToAlice(firstCallAnswered);
        reserveAndSubmit(BOB, () -> placed.add("bob-1"));

        await().atMost(WAIT).until(() -> placed.contains("bob-1"));
        assertThat(placed).as("the second call to a number waits for the first").containsExactly("bob-1");
        firstCallAnswered.countDown();
        await().atMost(WAIT).until(() -> placed.size() == 3);
        assertThat(placed).containsExactly("bob-1", "alice-1", "alice-2");
    }

    @Test
    void shouldGoOnWithANumbersNextCallWhenThePreviousFailed() {
        reserveAndSubmit(ALICE, () -> {
            throw new IllegalStateException("Redis went away");
        });
        reserveAndSubmit(ALICE, () -> placed.add("alice-2"));

        await().atMost(WAIT).until(() -> placed.contains("alice-2"));
    }

    @Test
    void shouldReleaseTheRoomOfEachCallOnceItIsDone() {
        CountDownLatch answered = new CountDownLatch(1);
        reserveAndSubmit(ALICE, () -> awaitQuietly(answered));
        reserveAndSubmit(BOB, () -> {
            throw new IllegalStateException("Redis went away");
        });

        await().atMost(WAIT).until(() -> room.inFlight() == 1);
        assertThat(room.reserve(Duration.ofMillis(50))).isTrue();
        assertThat(room.reserve(Duration.ofMillis(50))).isTrue();
        assertThat(room.reserve(Duration.ofMillis(50))).as("the call in hand holds the third place").isFalse();
        room.release();
        room.release();
        answered.countDown();
        await().atMost(WAIT).until(() -> room.inFlight() == 0);
    }

    @Test
    void shouldFinishTheCallsInHandBeforeStopping() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        submitTwoCallsToAlice(answered);

        Thread stopping = Thread.ofPlatform().start(placements::stop);

        await().atMost(WAIT).until(() -> stopping.getState() == Thread.State.WAITING);
        assertThat(placements.isRunning()).as("still placing").isTrue();
        answered.countDown();
        stopping.join(WAIT.toMillis());
        assertThat(placed).containsExactly("alice-1", "alice-2");
        assertThat(placements.isRunning()).isFalse();
    }

    @Test
    void shouldPlaceACallUnderTheLogContextOfTheRecordThatAskedForIt() {
        List<String> traceIds = new CopyOnWriteArrayList<>();
        MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");

        reserveAndSubmit(ALICE, () -> traceIds.add(String.valueOf(MDC.get("traceId"))));

        await().atMost(WAIT).until(() -> !traceIds.isEmpty());
        assertThat(traceIds).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    /** Two calls to one number, the first answered only once {@code firstAnswered} opens. */
    private void submitTwoCallsToAlice(CountDownLatch firstAnswered) {
        reserveAndSubmit(ALICE, () -> {
            awaitQuietly(firstAnswered);
            placed.add("alice-1");
        });
        reserveAndSubmit(ALICE, () -> placed.add("alice-2"));
    }

    /** As the dispatcher does: room first, then the hand-over, which releases it. */
    private void reserveAndSubmit(String phoneNumber, Runnable placement) {
        assertThat(room.reserve(WAIT)).isTrue();
        placements.submit(phoneNumber, placement);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
