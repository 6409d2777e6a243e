package dev.voiceotp.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EventTopicReaderTest {

    @Test
    void shouldReadOneVerificationsEventsInOrderFromTheStartAndKeepThem() throws Exception {
        String id = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.endpoints().kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(EventTopicReader.TOPIC, "shop:" + id, event("requested", id, null))).get();
            producer.send(new ProducerRecord<>(EventTopicReader.TOPIC, "shop:" + other, event("requested", other, null))).get();
            producer.send(new ProducerRecord<>(EventTopicReader.TOPIC, "shop:" + id, event("locked", id, "max_attempts"))).get();
        }

        try (EventTopicReader events = new EventTopicReader()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> events.typesOf("shop", id).size() == 2);

            assertThat(events.typesOf("shop", id)).containsExactly("requested", "locked");
            assertThat(events.of("shop", id).getLast().text("reason")).isEqualTo("max_attempts");
            assertThat(events.of("shop", id).getFirst().text("reason")).isEmpty();
            assertThat(events.of("shop", other)).singleElement().satisfies(event -> assertThat(event.key()).isEqualTo("shop:" + other));
            assertThat(events.of("bank", id)).isEmpty();
        }
    }

    private static String event(String type, String id, String reason) {
        return "{\"type\":\"" + type + "\",\"verificationId\":\"" + id + "\",\"reason\":"
                + (reason == null ? "null" : "\"" + reason + "\"") + "}";
    }
}
