import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints every lifecycle event on {@code otp.events.v1}, from the beginning of the topic to its end as it stands when
 * the program starts: one line per record, {@code <verificationId> <type> <eventId>}. The fault suite reads it to
 * count, per accepted verification, the events that should exist and do not.
 * Run with the launcher's class path: {@code java -cp <runtime class path> bench/EventLog.java <bootstrap servers>}.
 */
public class EventLog {

    public static void main(String[] args) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ConsumerConfig.GROUP_ID_CONFIG, "event-log-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        JsonMapper json = JsonMapper.builder().build();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("otp.events.v1").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    JsonNode event = json.readTree(record.value());
                    System.out.println(event.path("verificationId").asString() + " " + event.path("type").asString() + " "
                            + event.path("eventId").asString());
                }
            }
        }
    }
}
