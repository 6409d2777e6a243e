package dev.voiceotp.worker.pacing;

import java.time.Duration;

import org.springframework.stereotype.Component;

import dev.voiceotp.worker.WorkerProperties;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Holds each call until the account may place one more, so that all worker instances together stay within
 * Plivo's calls-per-second limit: excess demand waits instead of being rejected.
 *
 * <p>A slot is taken at the moment the call is about to be sent, not booked ahead: a caller that finds no
 * token sleeps for as long as Bucket4j says the next one takes, then tries again. Booking ahead (Bucket4j's
 * blocking reservation) would fix the spacing of the bookings, but a thread that wakes up late would then
 * send its call right next to the following one; taking the token at send time keeps the spacing where Plivo
 * measures it, at the requests. A caller that cannot get a slot within {@code max-wait} hands its call back
 * to the call schedule, so that no listener thread sleeps long enough to miss Kafka's
 * {@code max.poll.interval}.
 */
@Component
public class CallPacer {

    private final Bucket bucket;
    private final Duration maxWait;
    private final Timer waits;

    /** @param plivoCallBucket the account's bucket (in Redis; tests may pass a local one) */
    public CallPacer(Bucket plivoCallBucket, WorkerProperties properties, MeterRegistry meters) {
        this.bucket = plivoCallBucket;
        this.maxWait = properties.pacing().maxWait();
        this.waits = Timer.builder("otp.pacing.wait").description("Time a call waited for the account-wide calls-per-second limit")
                .publishPercentileHistogram().register(meters);
    }

    /** Waits for this call's slot; false when none came within {@code max-wait} or the wait was interrupted. */
    public boolean awaitSlot() {
        long start = System.nanoTime();
        long deadline = start + maxWait.toNanos();
        try {
            while (true) {
                ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
                if (probe.isConsumed()) {
                    waits.record(Duration.ofNanos(System.nanoTime() - start));
                    return true;
                }
                long wait = Math.max(probe.getNanosToWaitForRefill(), 1_000_000);
                if (System.nanoTime() + wait > deadline) {
                    return false;
                }
                Thread.sleep(Duration.ofNanos(wait));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
