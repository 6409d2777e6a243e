package dev.voiceotp.worker.attempt;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Places claimed calls off the listener threads, so a listener claims its next request while Plivo is still
 * answering for the previous one: a worker's rate is then bounded by its pacing and its Redis round trips, not by
 * Plivo's answer time times its listener threads. Calls to one number are placed one after the other, in the order
 * they were handed over; calls to different numbers at the same time, as many as {@link CallRoom} has room for
 * (each hand-over carries a reservation the listener made before its pacing slot and its claim, released here
 * once the attempt is over).
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

    private final CallRoom room;
    /** The last placement handed over for each number with one still pending: the next one for it runs after it. */
    private final Map<String, CompletableFuture<Void>> lastByNumber = new ConcurrentHashMap<>();
    private volatile @Nullable ExecutorService placements;

    CallPlacements(CallRoom room) {
        this.room = room;
    }

    /**
     * Places a claimed call soon, after any call handed over earlier for the same number, and then releases the
     * room {@code placement} was reserved with.
     */
    void submit(String phoneNumber, Runnable placement) {
        ExecutorService executor = placements;
        if (executor == null) {
            // not started, or stopped: place it here rather than lose it
            try {
                placement.run();
            } finally {
                room.release();
            }
            return;
        }
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
        // the last placement of each number completes after those chained before it
        CompletableFuture<?>[] pending = lastByNumber.values().toArray(CompletableFuture<?>[]::new);
        // a failed placement counts as settled (submit logs it); the wait is bounded, so it need not be interruptible
        boolean settled = CompletableFuture.allOf(pending).handle((ignored, failure) -> true)
                .completeOnTimeout(false, SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS).join();
        if (!settled) {
            log.warn("Calls still being placed at shutdown; their claims' schedule entries settle them");
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
