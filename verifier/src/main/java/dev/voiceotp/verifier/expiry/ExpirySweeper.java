package dev.voiceotp.verifier.expiry;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.event.VerificationEvents;
import dev.voiceotp.contract.event.VerificationRef;
import dev.voiceotp.contract.phone.PhoneNumbers;
import dev.voiceotp.verifier.VerifierProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One sweep: takes every due id in batches and, for each verification still pending at its expiry, publishes
 * {@code expired} and counts {@code otp.verifications.expired}. A sweep that fails (Redis away) is logged once and
 * retried by the next; nothing is lost, because the ids stay in the set until a run takes them.
 */
@Component
class ExpirySweeper {

    static final String EXPIRED = "otp.verifications.expired";
    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

    private final DueExpiries due;
    private final VerificationEvents events;
    private final MeterRegistry meters;
    private final Clock clock;
    private final int batchSize;
    private volatile boolean failing;

    ExpirySweeper(DueExpiries due, VerificationEvents events, MeterRegistry meters, Clock clock, VerifierProperties properties) {
        this.due = due;
        this.events = events;
        this.meters = meters;
        this.clock = clock;
        this.batchSize = properties.expirySweep().batchSize();
    }

    void sweep() {
        try {
            long now = clock.millis();
            DueExpiries.Batch batch;
            do {
                batch = due.take(now, batchSize);
                batch.expired().forEach(this::report);
            } while (batch.taken() == batchSize);
            if (failing) {
                failing = false;
                log.info("expiry sweep works again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("expiry sweep failed, retrying every interval until it works: {}", e.toString());
            }
        }
    }

    private void report(ExpiredVerification verification) {
        Counter.builder(EXPIRED)
                .description("Verifications still pending at their expiry, by app and destination country")
                .tag("app", verification.appId())
                .tag("country", PhoneNumbers.countryLabel(verification.region()))
                .register(meters)
                .increment();
        events.expired(new VerificationRef(verification.id(), verification.appId(), verification.region()), verification.expiresAt());
    }
}
