package dev.voiceotp.contract.event;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

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
 * <p>An event sent outside a sampled trace goes through a template that does not observe the send: an observation
 * there costs a span, its scopes and a timer per event and records nothing (the worker sends several events per
 * call). Inside a sampled trace the observed template adds the send to the trace.
 *
 * <p>Not a Spring bean on purpose: each service declares it with its own Kafka template.
 */
public final class OtpEventPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OtpEventPublisher.class);

    private final KafkaOperations<String, Object> observed;
    private final KafkaOperations<String, Object> unobserved;
    private final BooleanSupplier traced;
    private final MeterRegistry meters;
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    /** Every send through {@code kafka}, observed or not as the template is set up. */
    public OtpEventPublisher(KafkaOperations<String, Object> kafka, MeterRegistry meters) {
        this(kafka, kafka, () -> true, meters);
    }

    /**
     * @param observed for sends inside a sampled trace
     * @param unobserved for every other send (see {@code UnobservedKafkaTemplates})
     * @param traced whether the calling thread is inside a sampled trace
     */
    public OtpEventPublisher(KafkaOperations<String, Object> observed, KafkaOperations<String, Object> unobserved,
            BooleanSupplier traced, MeterRegistry meters) {
        this.observed = observed;
        this.unobserved = unobserved;
        this.traced = traced;
        this.meters = meters;
    }

    public void publish(OtpEvent event) {
        send(template(), event);
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
        background.execute(() -> send(kafka, event));
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
