package dev.voiceotp.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the lifecycle events topic ({@code otp.events.v1}) from the start, as a producer app's consumer would, and
 * keeps every event it saw. Commits nothing, so no test's reading moves another's. Polls only when asked: one test
 * thread uses it, typically inside Awaitility.
 */
public final class EventTopicReader implements AutoCloseable {

    /** The topic's name, as otp-contract's {@code Topics.OTP_EVENTS} declares it. */
    public static final String TOPIC = "otp.events.v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, String> consumer;
    private final List<Event> seen = new ArrayList<>();

    /** One event: its record key ({@code <appId>:<verificationId>}), its JSON text and its parsed value. */
    public record Event(String key, String raw, JsonNode value) {

        public String type() {
            return value.path("type").asString();
        }

        /** A text field of the event, empty when absent or null. */
        public String text(String field) {
            return value.path(field).asString("");
        }
    }

    /** On the test infrastructure's broker. */
    public EventTopicReader() {
        this(TestInfrastructure.endpoints().kafkaBootstrapServers());
    }

    /**
     * Assigned to the topic's partitions when it exists already; else subscribed in a group of its own, reading from
     * the earliest offset once a service creates the topic.
     */
    public EventTopicReader(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "event-topic-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            consumer.subscribe(List.of(TOPIC));
        } else {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
    }

    /** Every event of one verification seen so far, oldest first (one verification's events share a partition). */
    public synchronized List<Event> of(String appId, String verificationId) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(new Event(record.key(), record.value(),
                JSON.readTree(record.value()))));
        String key = appId + ":" + verificationId;
        return seen.stream().filter(event -> key.equals(event.key())).toList();
    }

    /** The types of {@link #of}, for the common assertion. */
    public List<String> typesOf(String appId, String verificationId) {
        return of(appId, verificationId).stream().map(Event::type).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
