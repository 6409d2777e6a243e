package dev.voiceotp.worker.attempt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * When this worker next reads the call schedule. Reading it on a fixed beat cost a Redis script and a thread wake-up
 * four times a second, also while nothing on it was due for minutes (a paced worker's watched calls). So the reader
 * plans its next read for the earliest entry it saw, and every place in this worker that puts an entry on the schedule
 * tells the alarm its due time, which brings the read forward when it is sooner. Entries that other workers scheduled
 * are seen at the latest at the poll interval the reader plans with.
 */
@Component
public class CallScheduleAlarm {

    private static final Duration FURTHEST = Duration.ofDays(1);

    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition sooner = lock.newCondition();
    /** The planned read, on {@link System#nanoTime()}'s scale; the first read is at once. */
    private long readAtNanos = System.nanoTime();

    public CallScheduleAlarm(Clock clock) {
        this.clock = clock;
    }

    /** An entry was put on the schedule, due at {@code dueAt}: read the schedule then at the latest. */
    public void dueAt(Instant dueAt) {
        // capped, so that the sum below cannot overflow; a read is planned far sooner than a day anyway
        long delayMillis = Math.clamp(Duration.between(clock.instant(), dueAt).toMillis(), 0, FURTHEST.toMillis());
        bringForward(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis));
    }

    /** Read the schedule as soon as possible. */
    void now() {
        bringForward(System.nanoTime());
    }

    /**
     * Plans the next read {@code latest} from now, before a read: entries announced from here on can only bring it
     * forward, so none that comes in while the read is under way is missed.
     */
    void planNextWithin(Duration latest) {
        lock.lock();
        try {
            readAtNanos = System.nanoTime() + latest.toNanos();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the planned read is due. */
    void awaitRead() throws InterruptedException {
        lock.lock();
        try {
            long wait;
            while ((wait = readAtNanos - System.nanoTime()) > 0) {
                sooner.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    private void bringForward(long atNanos) {
        lock.lock();
        try {
            if (atNanos - readAtNanos < 0) {
                readAtNanos = atNanos;
                sooner.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
