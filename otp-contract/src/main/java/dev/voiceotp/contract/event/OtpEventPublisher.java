package dev.voiceotp.contract.event;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.core.KafkaOperations;

import dev.voiceotp.contract.Topics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes lifecycle events without holding up the caller. Events report a state change that is already
 * committed in Redis, so a failed send must not undo or delay it. With an {@link OutboxRelay} (every service has
 * one unless {@code voice-otp.events.outbox.enabled} is false) an event is written to the Redis event outbox and
 * leaves it only once Kafka acknowledged it, so it outlives a broker outage; only when Redis does not take it
 * either is it sent straight to Kafka. A send straight to Kafka that fails is lost: it is logged and counted in
 * {@code otp.events.published} with {@code outcome=failed}, which an alert watches.
 *
 * <p>{@link #publishInBackground} sends on a virtual thread, for callers that must not wait even for the
 * producer's metadata while Kafka is unreachable ({@code max.block.ms}), such as a person's check or a call
 * in progress. Closing waits for those sends; declared as a bean that depends on the Kafka template, it closes
 * before the producer does.
 *
 * <p>An event sent straight to Kafka outside a sampled trace goes through a template that does not observe the send:
 * an observation there costs a span, its scopes and a timer per event and records nothing (the worker sends several
 * events per call). Inside a sampled trace the observed template adds the send to the trace. Events relayed from
 * the outbox belong to no trace.
 *
 * <p>Not a Spring bean on purpose: each service declares it with its own Kafka template.
 */
public final class OtpEventPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OtpEventPublisher.class);

    private final KafkaOperations<String, Object> observed;
    private final KafkaOperations<String, Object> unobserved;
    private final BooleanSupplier traced;
    private final PublishedEventCounters counters;
    private final @Nullable OutboxRelay outbox;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    /** Every send through {@code kafka}, observed or not as the template is set up. */
    public OtpEventPublisher(KafkaOperations<String, Object> kafka, MeterRegistry meters) {
        this(kafka, kafka, () -> true, meters, null);
    }

    /** Through the outbox when there is one; a direct send through {@code kafka} when Redis refuses an event. */
    public OtpEventPublisher(KafkaOperations<String, Object> kafka, MeterRegistry meters, @Nullable OutboxRelay outbox) {
        this(kafka, kafka, () -> true, meters, outbox);
    }

    /**
     * @param observed for sends inside a sampled trace
     * @param unobserved for every other send (see {@code UnobservedKafkaTemplates})
     * @param traced whether the calling thread is inside a sampled trace
     * @param outbox where events wait for Kafka; null to send them straight away
     */
    public OtpEventPublisher(KafkaOperations<String, Object> observed, KafkaOperations<String, Object> unobserved,
            BooleanSupplier traced, MeterRegistry meters, @Nullable OutboxRelay outbox) {
        this.observed = observed;
        this.unobserved = unobserved;
        this.traced = traced;
        this.counters = new PublishedEventCounters(meters);
        this.outbox = outbox;
    }

    /** Waits for Redis to take the event (with an outbox), never for Kafka. */
    public void publish(OtpEvent event) {
        publish(template(), event);
    }

    private void publish(KafkaOperations<String, Object> kafka, OtpEvent event) {
        if (outbox != null) {
            try {
                outbox.submit(event);
                return;
            } catch (DataAccessException e) {
                log.debug("event outbox unavailable, sending the {} event straight to Kafka: {}", event.type().wireName(), e.toString());
            }
        }
        send(kafka, event);
    }

    private void send(KafkaOperations<String, Object> kafka, OtpEvent event) {
        try {
            kafka.send(Topics.OTP_EVENTS, event.key(), event).whenComplete((result, failure) -> outcome(event, failure));
        } catch (RuntimeException e) {
            // the producer throws instead of failing the future when it cannot even get metadata in max.block.ms
            outcome(event, e);
        }
    }

    /** Publishes without the caller waiting at all, not even for the producer's metadata. */
    public void publishInBackground(OtpEvent event) {
        // decided here: the trace is the caller's, not the background thread's
        KafkaOperations<String, Object> kafka = template();
        background.execute(() -> publish(kafka, event));
    }

    private KafkaOperations<String, Object> template() {
        return traced.getAsBoolean() ? observed : unobserved;
    }

    @Override
    public void close() {
        background.close();
    }

    private void outcome(OtpEvent event, @Nullable Throwable failure) {
        if (failure != null) {
            log.warn("could not publish {} event for verification {}: {}", event.type().wireName(),
                    event.verificationId(), failure.toString());
        }
        if (failure == null) {
            counters.published(event.type());
        } else {
            counters.failed(event.type());
        }
    }
}
