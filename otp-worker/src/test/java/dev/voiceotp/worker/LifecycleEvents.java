package dev.voiceotp.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads {@code otp.events.v1} from the start, as a producer app's consumer would, keeping every event it saw. */
public final class LifecycleEvents implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, String> consumer;
    private final List<Event> seen = new ArrayList<>();

    /** One event: its record key and its JSON value. */
    public record Event(String key, String raw, JsonNode value) {
        public String type() {
            return value.path("type").asString();
        }
    }

    public LifecycleEvents() {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", TestInfrastructure.endpoints().kafkaBootstrapServers()),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.OTP_EVENTS, Duration.ofSeconds(10)).stream()
                .map((PartitionInfo info) -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every event of one verification seen so far, oldest first, after polling for new ones. */
    public synchronized List<Event> of(String appId, String verificationId) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> seen.add(new Event(record.key(), record.value(), JSON.readTree(record.value()))));
        return seen.stream().filter(event -> (appId + ":" + verificationId).equals(event.key())).toList();
    }

    public List<String> typesOf(String appId, String verificationId) {
        return of(appId, verificationId).stream().map(Event::type).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
