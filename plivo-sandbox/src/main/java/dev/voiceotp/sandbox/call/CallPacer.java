package dev.voiceotp.sandbox.call;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import dev.voiceotp.sandbox.SandboxProperties;

/**
 * Plivo's account-wide outbound limit (2 calls per second by default): a call above it is accepted but starts at
 * the next free slot, one slot every {@code 1/calls-per-second}. Slots are handed out in arrival order, so queued
 * calls start in the order they were fired. The queue holds at most {@code max-recorded-calls} calls, so a load test
 * that fires far faster than the pace cannot grow the sandbox without limit.
 */
@Component
class CallPacer {

    private final Duration spacing;
    private final Duration maxQueue;
    private Instant nextFree = Instant.EPOCH;

    CallPacer(SandboxProperties properties) {
        this.spacing = properties.callsPerSecond() == 0 ? Duration.ZERO
                : Duration.ofNanos(1_000_000_000L / properties.callsPerSecond());
        this.maxQueue = spacing.multipliedBy(properties.maxRecordedCalls());
    }

    /** Whether {@code calls} more calls fit in the queue at {@code now}. */
    synchronized boolean hasRoomFor(int calls, Instant now) {
        return !nextFree.plus(spacing.multipliedBy(calls - 1L)).isAfter(now.plus(maxQueue));
    }

    /** When a call fired at {@code now} may start. */
    synchronized Instant reserve(Instant now) {
        Instant start = now.isAfter(nextFree) ? now : nextFree;
        nextFree = start.plus(spacing);
        return start;
    }
}
