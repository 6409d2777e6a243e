package dev.voiceotp.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.testsupport.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code otp.requests.v1} from the start up to its current end, as the worker would. The gateway
 * answers only after the broker's ack, so everything a finished request published is below the end
 * offsets read afterwards: counting records needs no waiting.
 */
public final class OtpRequestsTopic {

    /**
     * One record as the worker sees it: the key, the parsed JSON value, the header names and each header's last value,
     * and the value's bytes as written (what the signature covers).
     */
    public record Message(String key, JsonNode value, List<String> headerNames, Map<String, String> headers, String rawValue) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OtpRequestsTopic() {
    }

    public static List<Message> messagesFor(String verificationId) {
        return read(Topics.OTP_REQUESTS).stream().filter(message -> verificationId.equals(message.value().path("verificationId").asString())).toList();
    }

    public static List<Message> messagesForNumber(String phoneNumber) {
        return read(Topics.OTP_REQUESTS).stream().filter(message -> phoneNumber.equals(message.key())).toList();
    }

    /** Every record of a topic, from the start up to its current end. */
    public static List<Message> read(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.endpoints().kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // reading must not create the topic (with the broker's defaults) before the gateway declares it
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Message> messages = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    List<String> headers = new ArrayList<>();
                    Map<String, String> values = new HashMap<>();
                    record.headers().forEach(header -> {
                        headers.add(header.key());
                        values.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                    });
                    messages.add(new Message(record.key(), JSON.readTree(record.value()), headers, values, record.value()));
                }
            }
            return messages;
        }
    }
}
