import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.voiceotp.contract.record.RecordSignature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the records an attack run crafts, exactly as given: one JSON object per line on standard input,
 * {@code {"topic": ..., "key": ..., "value": "<the record's text>", "secret": "<optional signing secret>"}}; with a
 * secret the record carries the {@code voice-otp-signature} header made with it (as a producer app holding that
 * secret would sign), without one it carries none. Prints one line per record: {@code sent <topic>-<partition>@<offset>}
 * or {@code failed <reason>}. {@code acks=all}, so a record printed as sent is in Kafka.
 * Run with the launcher's class path: {@code java -cp <runtime class path> bench/KafkaRecords.java <bootstrap servers>}.
 */
public class KafkaRecords {

    public static void main(String[] args) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0], ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        JsonMapper json = JsonMapper.builder().build();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode spec = json.readTree(line);
                byte[] value = spec.path("value").asString().getBytes(StandardCharsets.UTF_8);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(spec.path("topic").asString(),
                        spec.path("key").asString().getBytes(StandardCharsets.UTF_8), value);
                String secret = spec.path("secret").asString("");
                if (!secret.isEmpty()) {
                    record.headers().add(RecordSignature.HEADER, RecordSignature.withSecret(secret).sign(value, record.headers()));
                }
                try {
                    RecordMetadata sent = producer.send(record).get();
                    System.out.println("sent " + sent.topic() + "-" + sent.partition() + "@" + sent.offset());
                } catch (Exception e) {
                    System.out.println("failed " + e.getMessage());
                }
            }
        }
    }
}
