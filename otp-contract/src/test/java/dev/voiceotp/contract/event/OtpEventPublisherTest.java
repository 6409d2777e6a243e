package dev.voiceotp.contract.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Which template an event goes through: the observed one only inside a sampled trace. (What Kafka does with the
 * records is covered by the services' integration tests on a real broker; this is only the choice.)
 */
class OtpEventPublisherTest {

    private final MockProducer<String, Object> observedProducer = producer();
    private final MockProducer<String, Object> unobservedProducer = producer();
    private final AtomicBoolean traced = new AtomicBoolean();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OtpEventPublisher publisher = new OtpEventPublisher(template(observedProducer), template(unobservedProducer),
            traced::get, meters, null);

    @Test
    void shouldSkipTheObservationOutsideASampledTrace() {
        publisher.publish(event());

        assertThat(unobservedProducer.history()).hasSize(1);
        assertThat(observedProducer.history()).isEmpty();
        assertThat(meters.counter("otp.events.published", "type", "approved", "outcome", "published").count()).isEqualTo(1);
    }

    @Test
    void shouldObserveTheSendInsideASampledTrace() {
        traced.set(true);

        publisher.publish(event());

        assertThat(observedProducer.history()).hasSize(1);
        assertThat(unobservedProducer.history()).isEmpty();
    }

    @Test
    void shouldDecideForABackgroundSendByTheCallersTrace() {
        traced.set(true);

        publisher.publishInBackground(event());
        traced.set(false);
        publisher.close();

        assertThat(observedProducer.history()).hasSize(1);
        assertThat(unobservedProducer.history()).isEmpty();
    }

    private static OtpEvent event() {
        return OtpEvent.of(OtpEventType.APPROVED, "verification-0001", "shop", Instant.parse("2026-12-02T06:00:00Z"), "US", null);
    }

    private static MockProducer<String, Object> producer() {
        Serializer<Object> text = (topic, value) -> String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        return new MockProducer<>(true, null, new StringSerializer(), text);
    }

    private static KafkaTemplate<String, Object> template(MockProducer<String, Object> producer) {
        return new KafkaTemplate<>(new MockProducerFactory<>(() -> producer));
    }
}
