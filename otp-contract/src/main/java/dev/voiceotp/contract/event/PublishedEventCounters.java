package dev.voiceotp.contract.event;

import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.voiceotp.contract.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code otp.events.published} by event type and outcome, each counter kept once registered: a sender counts every
 * event it sends, and building and looking up a meter id for each one cost more than the count itself. The
 * {@code failed} counters are registered up front, at zero, so that an alert on their rate sees the first lost event;
 * a {@code published} series appears once a service has sent an event of its type.
 */
public final class PublishedEventCounters {

    private final MeterRegistry meters;
    private final AtomicReferenceArray<Counter> published = new AtomicReferenceArray<>(OtpEventType.values().length);
    private final AtomicReferenceArray<Counter> failed = new AtomicReferenceArray<>(OtpEventType.values().length);

    public PublishedEventCounters(MeterRegistry meters) {
        this.meters = meters;
        for (OtpEventType type : OtpEventType.values()) {
            counter(failed, type, "failed");
        }
    }

    /** Kafka acknowledged the event. */
    public void published(OtpEventType type) {
        counter(published, type, "published").increment();
    }

    /** The event is lost: neither the outbox nor a direct send took it. */
    public void failed(OtpEventType type) {
        counter(failed, type, "failed").increment();
    }

    private Counter counter(AtomicReferenceArray<Counter> counters, OtpEventType type, String outcome) {
        Counter counter = counters.get(type.ordinal());
        if (counter == null) {
            // two threads racing here register the same meter, and the registry gives both the same counter
            counter = Counter.builder("otp.events.published")
                    .description("Lifecycle events sent to " + Topics.OTP_EVENTS + ", by type and outcome")
                    .tag("type", type.wireName())
                    .tag("outcome", outcome)
                    .register(meters);
            counters.set(type.ordinal(), counter);
        }
        return counter;
    }
}
