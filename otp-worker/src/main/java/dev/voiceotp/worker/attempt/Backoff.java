package dev.voiceotp.worker.attempt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.voiceotp.worker.WorkerProperties;

/**
 * Exponential backoff with jitter for retried call attempts: the n-th retry waits
 * {@code min(max, initial * multiplier^n)}, of which the {@code jitter} share is random, so the retries of
 * many requests that failed together (a Plivo outage) do not come back together.
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {

    public static Backoff of(WorkerProperties.Retry retry) {
        return new Backoff(retry.initialInterval(), retry.maxInterval(), retry.multiplier(), retry.jitter());
    }

    /** The wait before retry number {@code retriesSoFar + 1}. */
    public Duration delay(int retriesSoFar) {
        double exponential = initial.toMillis() * Math.pow(multiplier, Math.max(0, retriesSoFar));
        double capped = Math.min(max.toMillis(), exponential);
        double fixedPart = capped * (1 - jitter);
        return Duration.ofMillis(Math.round(fixedPart + ThreadLocalRandom.current().nextDouble() * capped * jitter));
    }
}
