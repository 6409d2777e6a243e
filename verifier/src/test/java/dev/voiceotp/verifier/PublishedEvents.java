package dev.voiceotp.verifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code otp.events.v1} from the start, as a producer app's consumer would, and keeps what it has read. Not
 * thread-safe: one test thread polls it, typically inside Awaitility.
 */
public final class PublishedEvents implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public PublishedEvents() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "verifier-tests-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.OTP_EVENTS));
    }

    /** Every event read so far for one verification, oldest first, as JSON; polls the topic once first. */
    public List<JsonNode> of(String appId, String verificationId) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        String key = appId + ":" + verificationId;
        return seen.stream()
                .filter(record -> key.equals(record.key()))
                .map(record -> JsonMapper.shared().readTree(record.value()))
                .toList();
    }

    /** The types of {@link #of}, for the common assertion. */
    public List<String> typesOf(String appId, String verificationId) {
        return of(appId, verificationId).stream().map(event -> event.get("type").asString()).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
