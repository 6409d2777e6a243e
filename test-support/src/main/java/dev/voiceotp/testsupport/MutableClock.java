package dev.voiceotp.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A clock tests move forward by hand, to see a code expire, a window pass or a claim go stale without waiting. It
 * never goes back, like real time: rate-limit buckets and windowed counters that test classes share in Redis would
 * otherwise see a future they cannot catch up with. Always in UTC, as the services are.
 *
 * <p>Two kinds: {@link #standingAt(Instant)} stays where it is put (exact due times and expiries), {@link #running()}
 * follows real time plus what a test added (for application contexts whose schedulers must see time pass).
 */
public final class MutableClock extends Clock {

    private final Supplier<Instant> base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private MutableClock(Supplier<Instant> base) {
        this.base = base;
    }

    /** A clock that stands at {@code start} until a test advances it. */
    public static MutableClock standingAt(Instant start) {
        return new MutableClock(() -> start);
    }

    /** A clock that stands at the current time until a test advances it. */
    public static MutableClock standingNow() {
        return standingAt(Instant.now());
    }

    /** A clock that runs with real time, ahead of it by what a test added. */
    public static MutableClock running() {
        return new MutableClock(Instant::now);
    }

    /** Moves the clock forward; time never goes back. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward");
        }
        offset.updateAndGet(current -> current.plus(by));
    }

    @Override
    public Instant instant() {
        return base.get().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the services work in UTC");
        }
        return this;
    }
}
