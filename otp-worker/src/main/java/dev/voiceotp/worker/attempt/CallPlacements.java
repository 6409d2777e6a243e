package dev.voiceotp.worker.attempt;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.voiceotp.worker.WorkerProperties;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Places claimed calls off the listener threads, so a listener claims its next request while Plivo is still
 * answering for the previous one: a worker's rate is then bounded by its pacing and its Redis round trips, not by
 * Plivo's answer time times its listener threads. Calls to one number are placed one after the other, in the order
 * they were handed over; calls to different numbers at the same time, at most
 * {@code voice-otp.worker.calls-in-flight} of them (a hand-over waits for room, which holds the listener back).
 *
 * <p>A hand-over happens after the claim, and the request's record is acknowledged then: if this worker dies before
 * the call is placed, the claim's entry on the call schedule comes due when the claim is stale and the
 * verification fails as "outcome unknown", as it does for a claimant that died while Plivo was answering.
 *
 * <p>Stops after the listener containers (which hand over their last poll's calls) and before Redis, and lets the
 * calls in hand finish.
 */
@Component
class CallPlacements implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CallPlacements.class);
    /** After Kafka's listener containers ({@code Integer.MAX_VALUE - 100}), before the Redis client (0). */
    static final int PHASE = Integer.MAX_VALUE - 200;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    private static final ContextSnapshotFactory CONTEXT = ContextSnapshotFactory.builder().build();

    private final int capacity;
    private final Semaphore room;
    /** The last placement handed over for each number with one still pending: the next one for it runs after it. */
    private final Map<String, CompletableFuture<Void>> lastByNumber = new ConcurrentHashMap<>();
    private volatile @Nullable ExecutorService placements;

    CallPlacements(WorkerProperties properties, MeterRegistry meters) {
        this.capacity = properties.callsInFlight();
        this.room = new Semaphore(capacity);
        Gauge.builder("otp.calls.in.flight", this, CallPlacements::inFlight)
                .description("Claimed calls handed over and not yet placed (waiting for Plivo's answer, or behind a call to the same number)")
                .register(meters);
    }

    /** Calls handed over and not yet done; at {@code calls-in-flight} the listeners wait. */
    int inFlight() {
        return capacity - room.availablePermits();
    }

    /**
     * Places a claimed call soon, after any call handed over earlier for the same number; waits while
     * {@code calls-in-flight} calls are in hand.
     */
    void submit(String phoneNumber, Runnable placement) {
        ExecutorService executor = placements;
        if (executor == null) {
            // not started, or stopped: place it here rather than lose it
            placement.run();
            return;
        }
        room.acquireUninterruptibly();
        Runnable task = withCallersContext(placement);
        CompletableFuture<Void> placed = lastByNumber.compute(phoneNumber, (number, previous) -> previous == null
                ? CompletableFuture.runAsync(task, executor)
                : previous.handle((ignored, failure) -> null).thenRunAsync(task, executor));
        placed.whenComplete((ignored, failure) -> {
            lastByNumber.remove(phoneNumber, placed);
            room.release();
            if (failure != null) {
                // the claim's entry on the call schedule settles the verification when the claim is stale
                log.warn("A call attempt failed before its outcome was recorded: {}", failure.toString());
            }
        });
    }

    /** The log context (the record's trace id) and the current observation, on the thread that places the call. */
    private static Runnable withCallersContext(Runnable placement) {
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        ContextSnapshot snapshot = CONTEXT.captureAll();
        return () -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try (ContextSnapshot.Scope ignored = snapshot.setThreadLocals()) {
                placement.run();
            } finally {
                MDC.clear();
            }
        };
    }

    @Override
    public void start() {
        placements = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("call-placement-", 0).factory());
    }

    /** Waits until every call in hand is placed (calls chained behind others included), then lets the executor go. */
    @Override
    public void stop() {
        ExecutorService executor = placements;
        if (executor == null) {
            return;
        }
        try {
            if (room.tryAcquire(capacity, SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                room.release(capacity);
            } else {
                log.warn("Calls still being placed at shutdown; their claims' schedule entries settle them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        placements = null;
        executor.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return placements != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
