package dev.voiceotp.contract.event;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

import dev.voiceotp.contract.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes lifecycle events without holding up the caller. Events report a state change that is already
 * committed in Redis, so a failed send must not undo or delay it: the producer retries (idempotent producer,
 * {@code acks=all}), and a send that still fails is logged and counted in {@code otp.events.published} with
 * {@code outcome=failed}, which an alert watches.
 *
 * <p>{@link #publishInBackground} sends on a virtual thread, for callers that must not wait even for the
 * producer's metadata while Kafka is unreachable ({@code max.block.ms}), such as a person's check or a call
 * in progress. Closing waits for those sends; declared as a bean that depends on the Kafka template, it closes
 * before the producer does.
 *
 * <p>Not a Spring bean on purpose: each service declares it with its own Kafka template.
 */
public final class OtpEventPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OtpEventPublisher.class);

    private final KafkaOperations<String, Object> kafka;
    private final MeterRegistry meters;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    public OtpEventPublisher(KafkaOperations<String, Object> kafka, MeterRegistry meters) {
        this.kafka = kafka;
        this.meters = meters;
    }

    public void publish(OtpEvent event) {
        try {
            kafka.send(Topics.OTP_EVENTS, event.key(), event).whenComplete((result, failure) -> outcome(event, failure));
        } catch (RuntimeException e) {
            // the producer throws instead of failing the future when it cannot even get metadata in max.block.ms
            outcome(event, e);
        }
    }

    /** Publishes without the caller waiting at all, not even for the producer's metadata. */
    public void publishInBackground(OtpEvent event) {
        background.execute(() -> publish(event));
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
        counter(event.type(), failure == null ? "published" : "failed").increment();
    }

    private Counter counter(OtpEventType type, String outcome) {
        return Counter.builder("otp.events.published")
                .description("Lifecycle events sent to " + Topics.OTP_EVENTS + ", by type and outcome")
                .tag("type", type.wireName())
                .tag("outcome", outcome)
                .register(meters);
    }
}
