package dev.voiceotp.worker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.record.RecordSignature;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.RedisServerProcess;
import dev.voiceotp.testsupport.TestInfrastructure;
import dev.voiceotp.testsupport.TestInfrastructureConnections;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests that run the worker on a real Kafka broker and redis-server, calling the Plivo sandbox
 * through the real plivo-java SDK. Every subclass shares one Spring context (same configuration): several
 * contexts with different settings would all consume the same requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(TestInfrastructureConnections.class)
public abstract class WorkerIntegrationTest {

    protected static final int PORT = RedisServerProcess.freePort();
    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger(2000);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        WorkerTestConfig.properties(PORT).forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    protected StringRedisTemplate redis;

    protected final EmbeddedPlivoSandbox sandbox = EmbeddedPlivoSandbox.get();

    /** A valid US number no other test uses. */
    protected static String nextNumber() {
        return "+1415556" + NEXT_NUMBER.getAndIncrement();
    }

    protected static OtpRequest newRequest() {
        return newRequest(nextNumber());
    }

    protected static OtpRequest newRequest(String number) {
        Instant now = Instant.now();
        return OtpRequest.of(UUID.randomUUID().toString(), "shop", number, null, now, now.plusSeconds(600));
    }

    protected static void publish(OtpRequest request) {
        send(request.phoneNumber(), JSON.writeValueAsString(request));
    }

    /** Publishes a record signed as the gateway signs it. */
    protected static void send(String key, String value) {
        sendSigned(key, value, WorkerTestConfig.RECORD_SECRET);
    }

    /** Publishes a record signed with {@code secret}, or unsigned when it is null. */
    protected static void sendSigned(String key, String value, @Nullable String secret) {
        Map<String, Object> config = Map.of("bootstrap.servers", TestInfrastructure.endpoints().kafkaBootstrapServers(), "acks", "all");
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.OTP_REQUESTS, key, value);
        if (secret != null) {
            record.headers().add(RecordSignature.HEADER, RecordSignature.withSecret(secret).sign(value.getBytes(StandardCharsets.UTF_8)));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected Map<String, String> verification(String verificationId) {
        return redis.<String, String>opsForHash().entries(RedisKeys.verification(verificationId));
    }

    protected static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
