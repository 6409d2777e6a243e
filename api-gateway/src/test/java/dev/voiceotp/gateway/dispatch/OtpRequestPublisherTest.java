package dev.voiceotp.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.kafka.support.ProducerListener;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.gateway.TestGatewayProperties;
import dev.voiceotp.gateway.dispatch.OtpRequestPublisher.NotAcknowledgedException;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The wait for Kafka's ack, on Kafka's own test producer: an ack ends it at once, and a producer that never
 * answers is given up on at the deadline (the producer's own timeouts normally end a send well before it).
 */
class OtpRequestPublisherTest {

    private static final Duration ACK_TIMEOUT = Duration.ofMillis(300);

    private final ClientResources redisClient = ClientResources.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterEach
    void shutDown() {
        redisClient.shutdown();
    }

    @Test
    void shouldReturnOnceKafkaHasAcknowledgedTheRequest() throws Exception {
        MockProducer<String, Object> producer = producer(true);

        publisher(producer).publish(request(), "US", null);

        assertThat(producer.history()).singleElement().satisfies(record -> assertThat(record.key()).isEqualTo("+14155550123"));
        assertThat(meters.timer("otp.kafka.publish", "outcome", "acked").count()).isEqualTo(1);
    }

    @Test
    void shouldGiveUpAtTheDeadlineWhenKafkaNeverAnswers() {
        MockProducer<String, Object> producer = producer(false);

        assertThatThrownBy(() -> publisher(producer).publish(request(), "US", null))
                .isInstanceOf(NotAcknowledgedException.class)
                .hasRootCauseInstanceOf(TimeoutException.class);

        assertThat(producer.history()).as("sent, never acknowledged").hasSize(1);
        assertThat(meters.timer("otp.kafka.publish", "outcome", "failed").totalTime(TimeUnit.MILLISECONDS))
                .as("given up at the deadline, not before").isGreaterThanOrEqualTo(ACK_TIMEOUT.toMillis() - 20);
        assertThat(producer.completeNext()).as("the send is still the producer's: its ack, if it ever comes, changes nothing").isTrue();
    }

    private OtpRequestPublisher publisher(MockProducer<String, Object> producer) {
        MockProducerFactory<String, Object> producers = new MockProducerFactory<>(() -> producer);
        @SuppressWarnings({"unchecked", "rawtypes"})
        KafkaTemplate<String, OtpRequest> observed = new KafkaTemplate(producers);
        TraceDecision untraced = new TraceDecision(new StaticListableBeanFactory().getBeanProvider(Tracer.class),
                new StaticListableBeanFactory().getBeanProvider(Propagator.class));
        return new OtpRequestPublisher(observed, producers, new ProducerListener<>() {
        }, untraced, TestGatewayProperties.withKafkaAckTimeout(ACK_TIMEOUT), redisClient, meters);
    }

    private static MockProducer<String, Object> producer(boolean acknowledgeAtOnce) {
        Serializer<Object> text = (topic, value) -> String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        return new MockProducer<>(acknowledgeAtOnce, null, new StringSerializer(), text);
    }

    private static OtpRequest request() {
        Instant now = Instant.now();
        return OtpRequest.of("id-00000001", "shop", "+14155550123", null, now, now.plusSeconds(600));
    }
}
