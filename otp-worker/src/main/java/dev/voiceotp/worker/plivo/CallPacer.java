package dev.voiceotp.worker.plivo;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

import dev.voiceotp.worker.WorkerProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The account's calls-per-second limit, shared by every worker instance: a call is placed only once it holds a
 * slot. Excess demand waits instead of being rejected, and waiting costs nothing:
 * <ul>
 * <li>Within one worker, callers queue on a fair lock, in arrival order; only the caller at the head asks the
 * bucket in Redis, and it sleeps for as long as Bucket4j says the next slot takes. So each worker sends a few
 * Redis commands per call placed, however many requests wait behind it.</li>
 * <li>The bucket holds one slot and refills it one spacing after it was taken, for every worker alike: so once this
 * worker took a slot, the next caller sleeps out that spacing before it asks, instead of asking at once to hear
 * that no slot is free (a Redis round trip per paced call saved). When another worker took the slot meanwhile,
 * Bucket4j's answer says how much longer to sleep, as before.</li>
 * <li>A slot is taken right before the call is claimed and made, not booked ahead: a thread that wakes late
 * would otherwise send its call right next to the following one.</li>
 * <li>A caller that gets no slot within its wait gives up before anything is claimed or written: the request
 * stays where it is (the Kafka record is redelivered, the schedule entry stays due), see
 * {@code OtpRequestListener}.</li>
 * <li>The slot is confirmed as the call's request leaves ({@link CallSlot}), which keeps the spacing where Plivo
 * measures it, at the requests: one that leaves more than {@link #sendWithinNanos()} after its slot takes a fresh
 * one first, ahead of this worker's waiting callers (its call is already claimed).</li>
 * </ul>
 */
@Component
public class CallPacer {

    private final Bucket bucket;
    private final boolean enabled;
    private final Timer waits;
    private final Counter handedBack;
    private final Counter retaken;
    private final ReentrantLock turn = new ReentrantLock(true);
    private final long spacingNanos;
    private final long sendWithinNanos;
    private final long maxWaitNanos;
    /** No slot can be free before this {@link System#nanoTime()}: one spacing after this worker took the last one. */
    private long noSlotBeforeNanos = System.nanoTime();

    /** @param plivoCallBucket the account's bucket (in Redis; tests may pass a local one) */
    public CallPacer(Bucket plivoCallBucket, WorkerProperties properties, MeterRegistry meters) {
        this.bucket = plivoCallBucket;
        this.enabled = properties.pacing().enabled();
        this.spacingNanos = properties.pacing().spacing().toNanos();
        this.sendWithinNanos = properties.pacing().sendWithin().toNanos();
        this.maxWaitNanos = properties.pacing().maxWait().toNanos();
        this.waits = Timer.builder("otp.pacing.wait").description("Time a call waited for the account-wide calls-per-second limit")
                .publishPercentileHistogram().register(meters);
        this.handedBack = Counter.builder("otp.pacing.handed.back")
                .description("Requests handed back to wait in Kafka or on the call schedule: no call slot came within max-wait")
                .register(meters);
        this.retaken = Counter.builder("otp.pacing.retaken")
                .description("Call requests that took a fresh call slot as they left: their slot's time had passed, or an earlier request of the same call used it")
                .register(meters);
    }

    /**
     * Waits for one call slot; empty when none came within {@code maxWait} or the wait was interrupted. With pacing
     * off ({@code voice-otp.worker.pacing.enabled=false}) every call has its slot at once.
     */
    public Optional<CallSlot> awaitSlot(Duration maxWait) {
        if (!enabled) {
            return Optional.of(CallSlot.unpaced());
        }
        long start = System.nanoTime();
        long deadline = start + maxWait.toNanos();
        try {
            boolean granted = turn.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS) && takeSlotThenUnlock(deadline, start);
            if (!granted) {
                handedBack.increment();
                return Optional.empty();
            }
            return Optional.of(new CallSlot(this, System.nanoTime()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** {@link WorkerProperties.Pacing#sendWithin()}: how long after its slot a call's request may still leave on it. */
    long sendWithinNanos() {
        return sendWithinNanos;
    }

    /**
     * A fresh slot for a request about to leave, taken at once when one is free: without this worker's turn, since
     * its call is already claimed and must not queue behind calls that are not.
     *
     * @return when the slot was taken ({@link System#nanoTime()})
     * @throws NoCallSlotException none came within the max wait, the wait was interrupted, or the bucket could not
     *     be asked (Redis): the call's request is not sent, and the attempt is retried later
     */
    long retake() throws NoCallSlotException {
        try {
            if (consumeBefore(System.nanoTime() + maxWaitNanos)) {
                retaken.increment();
                return System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            throw new NoCallSlotException("the account's pacing bucket could not be asked: " + e.getClass().getSimpleName(), e);
        }
        throw new NoCallSlotException("none within " + Duration.ofNanos(maxWaitNanos).toMillis() + " ms as the request was about to leave");
    }

    private boolean takeSlotThenUnlock(long deadline, long start) throws InterruptedException {
        try {
            return takeSlotBefore(deadline, start);
        } finally {
            turn.unlock();
        }
    }

    /** Called holding {@link #turn}, which guards {@link #noSlotBeforeNanos}. */
    private boolean takeSlotBefore(long deadline, long start) throws InterruptedException {
        long wait = noSlotBeforeNanos - System.nanoTime();
        if (wait > 0) {
            if (System.nanoTime() + wait > deadline) {
                return false;
            }
            Thread.sleep(Duration.ofNanos(wait));
        }
        if (!consumeBefore(deadline)) {
            return false;
        }
        long now = System.nanoTime();
        noSlotBeforeNanos = now + spacingNanos;
        waits.record(Duration.ofNanos(now - start));
        return true;
    }

    /** Takes the bucket's slot, sleeping for as long as the bucket says the next one takes; false past the deadline. */
    private boolean consumeBefore(long deadline) throws InterruptedException {
        while (true) {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                return true;
            }
            long wait = Math.max(probe.getNanosToWaitForRefill(), 1_000_000);
            if (System.nanoTime() + wait > deadline) {
                return false;
            }
            Thread.sleep(Duration.ofNanos(wait));
        }
    }
}
