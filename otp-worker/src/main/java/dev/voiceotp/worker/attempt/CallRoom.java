package dev.voiceotp.worker.attempt;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.worker.WorkerProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Room for the call attempts one worker has with Plivo at a time: up to {@code voice-otp.worker.calls-in-flight}
 * while Plivo answers, one while its requests fail (5xx, 429, unreachable, no answer), until one is answered again.
 *
 * <p>An attempt reserves its room before it waits for the pacing slot and before it claims anything, so a request
 * that finds no room is handed back untouched and keeps waiting in Kafka (or on the call schedule), where waiting
 * is free and no retry deadline or claim ages. That is what keeps an outage from costing more than it must: while
 * Plivo does not answer, each attempt sent into it spends its retries and, if it timed out after it was sent, may
 * end without knowing whether the call exists; one attempt at a time finds out when Plivo is back, the rest wait.
 */
@Component
public class CallRoom {

    private static final Logger log = LoggerFactory.getLogger(CallRoom.class);

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition freed = lock.newCondition();
    /** Reservations held; guarded by {@link #lock}. */
    private int held;
    /** The latest answer from Plivo was a failure; guarded by {@link #lock}. */
    private boolean plivoFailing;

    CallRoom(WorkerProperties properties, MeterRegistry meters) {
        this.capacity = properties.callsInFlight();
        Gauge.builder("otp.calls.in.flight", this, CallRoom::inFlight)
                .description("Call attempts holding room: waiting for their pacing slot, for Plivo's answer, or behind a call to the same number")
                .register(meters);
        Gauge.builder("otp.calls.in.flight.limit", this, CallRoom::limit)
                .description("Call attempts one worker may have at a time: calls-in-flight while Plivo answers, 1 while its requests fail")
                .register(meters);
    }

    /**
     * Waits for room for one attempt; false when none came within {@code maxWait} or the wait was interrupted.
     * A true answer must be followed by exactly one {@link #release()}.
     */
    public boolean reserve(Duration maxWait) {
        long remaining = maxWait.toNanos();
        try {
            // held only for a few instructions at a time: the wait is the condition's, bounded by maxWait
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            while (held >= limitLocked()) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = freed.awaitNanos(remaining);
            }
            held++;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a reservation: its attempt is over, or it never made one. */
    public void release() {
        lock.lock();
        try {
            held--;
            // all: a waiter woken by one release may have timed out meanwhile, and another could take the room
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Plivo answered an attempt (accepted the call, or refused it for good): the whole room again. */
    void plivoAnswered() {
        lock.lock();
        try {
            if (plivoFailing) {
                plivoFailing = false;
                log.info("Plivo answers again: up to {} call attempts at a time", capacity);
                freed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** An attempt failed for want of an answer from Plivo: one attempt at a time until one is answered. */
    void plivoFailed() {
        lock.lock();
        try {
            if (!plivoFailing && capacity > 1) {
                log.warn("Plivo's requests fail: one call attempt at a time until one is answered; the other requests wait in Kafka");
            }
            plivoFailing = true;
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        lock.lock();
        try {
            return held;
        } finally {
            lock.unlock();
        }
    }

    int limit() {
        lock.lock();
        try {
            return limitLocked();
        } finally {
            lock.unlock();
        }
    }

    private int limitLocked() {
        return plivoFailing ? 1 : capacity;
    }
}
