package dev.voiceotp.verifier.event;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.voiceotp.contract.event.OtpEvent;
import dev.voiceotp.contract.event.OtpEventPublisher;
import dev.voiceotp.contract.event.OtpEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The events the verifier reports. Callers invoke these only for the one check (or sweep) that changed the
 * verification, which the atomic scripts single out, so an event is never doubled by parallel checks.
 *
 * <p>Sending happens on a virtual thread: the change is already committed in Redis, and a producer waiting
 * for metadata while Kafka is unreachable ({@code max.block.ms}) must not hold the person's check. Closing
 * waits for the sends in flight, and runs before the Kafka producer closes because this bean depends on it.
 */
@Component
public class VerificationEvents implements AutoCloseable {

    /** Reason of a {@code locked} event after too many wrong codes for the verification. */
    public static final String MAX_ATTEMPTS = "max_attempts";
    /** Reason of a {@code locked} event after the number's failure budget ran out. */
    public static final String NUMBER_FAILURE_BUDGET = "number_failure_budget";

    private static final Logger log = LoggerFactory.getLogger(VerificationEvents.class);

    private final OtpEventPublisher publisher;
    private final MeterRegistry meters;
    private final ExecutorService sender = Executors.newVirtualThreadPerTaskExecutor();

    VerificationEvents(OtpEventPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    public void approved(String appId, String verificationId, @Nullable String country, Instant at) {
        send(OtpEvent.of(OtpEventType.APPROVED, verificationId, appId, at, country, null));
    }

    public void locked(String appId, String verificationId, @Nullable String country, String reason, Instant at) {
        send(OtpEvent.of(OtpEventType.LOCKED, verificationId, appId, at, country, reason));
    }

    /** @param expiredAt the verification's expiry, not the time the sweeper noticed it */
    public void expired(String appId, String verificationId, @Nullable String country, Instant expiredAt) {
        send(OtpEvent.of(OtpEventType.EXPIRED, verificationId, appId, expiredAt, country, null));
    }

    private void send(OtpEvent event) {
        sender.execute(() -> {
            try {
                publisher.publish(event);
            } catch (RuntimeException e) {
                // KafkaTemplate throws instead of failing the future when the producer gives up at once (no
                // metadata within max.block.ms), so the publisher's own failure count never sees these
                log.warn("could not publish {} event for verification {}: {}", event.type().wireName(),
                        event.verificationId(), e.toString());
                Counter.builder("otp.events.published").tag("type", event.type().wireName()).tag("outcome", "failed")
                        .register(meters).increment();
            }
        });
    }

    @Override
    public void close() {
        sender.close();
    }
}
