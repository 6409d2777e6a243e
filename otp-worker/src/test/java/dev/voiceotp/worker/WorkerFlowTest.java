package dev.voiceotp.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.app.ApiKeyAuthenticator;
import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.RedisServerProcess;
import dev.voiceotp.testsupport.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker on a real Kafka broker and redis-server, calling the Plivo sandbox through the real plivo-java
 * SDK, which calls the worker's webhooks back with signed requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext // its Kafka listeners must not outlive the class and take records meant for another configuration
class WorkerFlowTest {

    static final String HMAC_SECRET = "worker-test-hmac-secret-of-enough-length";
    private static final int PORT = RedisServerProcess.freePort();
    private static final AtomicInteger NEXT = new AtomicInteger(2000);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        EmbeddedPlivoSandbox sandbox = EmbeddedPlivoSandbox.get();
        registry.add("server.port", () -> PORT);
        registry.add("voice-otp.worker.public-base-url", () -> "http://localhost:" + PORT);
        registry.add("voice-otp.worker.plivo.auth-id", () -> EmbeddedPlivoSandbox.AUTH_ID);
        registry.add("voice-otp.worker.plivo.auth-token", () -> EmbeddedPlivoSandbox.AUTH_TOKEN);
        registry.add("voice-otp.worker.plivo.api-base-url", sandbox::baseUrl);
        registry.add("voice-otp.worker.plivo.from-number", () -> "+14155550100");
        registry.add("voice-otp.worker.prompt.encryption-key", () -> Base64.getEncoder().encodeToString(new byte[32]));
        registry.add("voice-otp.worker.dead-letter-topic", () -> "otp.requests.v1.dlt");
        registry.add("voice-otp.worker.retry.max-elapsed", () -> "2s");
        registry.add("voice-otp.code.hmac-secret", () -> HMAC_SECRET);
        registry.add("voice-otp.apps[0].id", () -> "shop");
        registry.add("voice-otp.apps[0].name", () -> "Acme Shop");
        registry.add("voice-otp.apps[0].api-key-sha256[0]", () -> ApiKeyAuthenticator.sha256Hex("shop-key"));
    }

    @Autowired
    StringRedisTemplate redis;

    private final EmbeddedPlivoSandbox sandbox = EmbeddedPlivoSandbox.get();
    private final CodeHasher hasher = CodeHasher.fromSecret(HMAC_SECRET);

    @Test
    void shouldCallOnceAndKeepOnlyAKeyedHashOfTheCodeItSpoke() throws Exception {
        OtpRequest request = newRequest();
        publish(request);

        String code = await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.heardCode(request.phoneNumber()), found -> found != null);

        Map<Object, Object> verification = redis.opsForHash().entries(RedisKeys.verification(request.verificationId()));
        assertThat(verification).containsEntry("codeHash", hasher.hash(request.verificationId(), code))
                .containsEntry("status", "pending").containsEntry("app", "shop");
        assertThat(verification.values()).noneMatch(value -> value.toString().contains(code));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(redis.opsForHash().get(RedisKeys.verification(request.verificationId()), "callStatus")).isEqualTo("completed"));
        assertThat(sandbox.callsTo(request.phoneNumber())).hasSize(1);
        assertThat(sandbox.callsTo(request.phoneNumber()).getFirst().path("answerUrl").asString()).doesNotContain(code);
        assertThat(sandbox.callsTo(request.phoneNumber()).getFirst().path("spokenText").asString()).contains("Acme Shop");
    }

    @Test
    void shouldDeleteTheEncryptedPromptCopyWhenTheCallEnds() throws Exception {
        OtpRequest request = newRequest();
        publish(request);
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.heardCode(request.phoneNumber()), found -> found != null);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Set<String> keys = redis.keys(RedisKeys.callPrompt("*"));
            assertThat(keys).allSatisfy(key -> assertThat(redis.opsForValue().get(key)).doesNotContain(" "));
        });
    }

    @Test
    void shouldPlaceNoSecondCallWhenTheSameRequestIsDeliveredAgain() throws Exception {
        OtpRequest request = newRequest();
        publish(request);
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.heardCode(request.phoneNumber()), found -> found != null);

        publish(request);
        publish(request);
        // a later request for the same number shares the partition: once it is called, the duplicates were handled
        OtpRequest later = newRequest(request.phoneNumber());
        publish(later);

        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.callsTo(request.phoneNumber()).size() >= 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(sandbox.callsTo(request.phoneNumber())).hasSize(2));
        assertThat(redis.opsForHash().get(RedisKeys.verification(later.verificationId()), "callRequestUuid")).isNotNull();
    }

    @Test
    void shouldSendUnusableRequestsToTheDeadLetterTopicAndKeepThePartitionFlowing() throws Exception {
        String number = nextNumber();
        try (Consumer<String, String> deadLetters = deadLetterConsumer()) {
            send(number, "{not json");
            send(number, JsonMapper.builder().build().writeValueAsString(
                    OtpRequest.of("unknown-app-request", "no-such-app", number, null, Instant.now(), Instant.now().plusSeconds(600))));
            OtpRequest valid = newRequest(number);
            publish(valid);

            await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.heardCode(number), found -> found != null);
            List<String> dead = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                ConsumerRecords<String, String> records = deadLetters.poll(Duration.ofMillis(200));
                records.forEach(record -> dead.add(record.value()));
                assertThat(dead).anyMatch(value -> value.contains("{not json")).anyMatch(value -> value.contains("unknown-app-request"));
            });
            assertThat(sandbox.callsTo(number)).hasSize(1);
        }
    }

    @Test
    void shouldRefuseWebhooksWithoutAValidPlivoSignature() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest unsigned = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/plivo/answer/some-token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("CallUUID=abc&CallStatus=in-progress")).build();
        HttpRequest forged = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/plivo/hangup/some-token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Plivo-Signature-V3", "bm90IGEgc2lnbmF0dXJl").header("X-Plivo-Signature-V3-Nonce", "12345")
                .POST(HttpRequest.BodyPublishers.ofString("CallUUID=abc&CallStatus=completed")).build();

        assertThat(http.send(unsigned, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        assertThat(http.send(forged, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    private static String nextNumber() {
        return "+1415556" + NEXT.getAndIncrement();
    }

    private static OtpRequest newRequest() {
        return newRequest(nextNumber());
    }

    private static OtpRequest newRequest(String number) {
        Instant now = Instant.now();
        return OtpRequest.of(java.util.UUID.randomUUID().toString(), "shop", number, null, now, now.plusSeconds(600));
    }

    private static void publish(OtpRequest request) throws Exception {
        send(request.phoneNumber(), JsonMapper.builder().build().writeValueAsString(request));
    }

    private static void send(String key, String value) throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", TestInfrastructure.endpoints().kafkaBootstrapServers(), "acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.OTP_REQUESTS, key, value)).get();
        }
    }

    private static Consumer<String, String> deadLetterConsumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.endpoints().kafkaBootstrapServers(),
                "group.id", "dlt-reader-" + NEXT.incrementAndGet(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("otp.requests.v1.dlt"));
        return consumer;
    }
}
