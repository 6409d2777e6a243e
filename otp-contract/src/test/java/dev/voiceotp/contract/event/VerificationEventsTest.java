package dev.voiceotp.contract.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import dev.voiceotp.testsupport.RedisServerProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * With Kafka unreachable, a real producer waits {@code max.block.ms} for metadata and then gives up. The check
 * that reported the event must not wait with it, and the lost event must still be counted.
 */
class VerificationEventsTest {

    private static final Duration MAX_BLOCK = Duration.ofMillis(1500);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DefaultKafkaProducerFactory<String, Object> producers = new DefaultKafkaProducerFactory<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + RedisServerProcess.freePort(),
            ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis()),
            new StringSerializer(), new JacksonJsonSerializer<>());
    private final OtpEventPublisher publisher = new OtpEventPublisher(new KafkaTemplate<>(producers), meters);
    private final VerificationEvents events = new VerificationEvents(publisher, Clock.systemUTC());

    @AfterEach
    void close() {
        publisher.close();
        producers.destroy();
    }

    @Test
    void shouldReturnAtOnceAndCountTheEventAsFailedWhileKafkaIsUnreachable() {
        long start = System.nanoTime();
        events.approved(new VerificationRef("8b0f2a4e-5d7c-4e61-9a39-0c7f1d2e3b4a", "shop", "US"), Instant.now());
        Duration handedOver = Duration.ofNanos(System.nanoTime() - start);

        assertThat(handedOver).isLessThan(MAX_BLOCK.dividedBy(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> failed("approved") == 1);
    }

    private double failed(String type) {
        var counter = meters.find("otp.events.published").tag("type", type).tag("outcome", "failed").counter();
        return counter == null ? 0 : counter.count();
    }
}
