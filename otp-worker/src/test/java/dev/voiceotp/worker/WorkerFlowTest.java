package dev.voiceotp.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.record.RecordSignature;
import dev.voiceotp.contract.verification.CodeHasher;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The worker on a real Kafka broker and redis-server, calling the Plivo sandbox through the real plivo-java
 * SDK, which calls the worker's webhooks back with signed requests.
 */
class WorkerFlowTest extends WorkerIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    private final CodeHasher hasher = CodeHasher.fromSecret(WorkerTestConfig.HMAC_SECRET);

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
            String token = verification(request.verificationId()).get("callToken");
            // only the verification id stays, for late callbacks; the sealed code is gone
            assertThat(redis.opsForValue().get(RedisKeys.callPrompt(token))).isEqualTo(request.verificationId());
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
            send(number, "{\"version\":2,\"verificationId\":\"future-version-request\",\"appId\":\"shop\",\"phoneNumber\":\"" + number + "\"}");
            OtpRequest valid = newRequest(number);
            publish(valid);

            await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.heardCode(number), found -> found != null);
            List<String> dead = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                ConsumerRecords<String, String> records = deadLetters.poll(Duration.ofMillis(200));
                records.forEach(record -> dead.add(record.value()));
                assertThat(dead).anyMatch(value -> value.contains("{not json")).anyMatch(value -> value.contains("unknown-app-request"))
                        .anyMatch(value -> value.contains("future-version-request"));
            });
            assertThat(sandbox.callsTo(number)).hasSize(1);
        }
    }

    @Test
    void shouldCallNobodyForARecordNotSignedByTheGateway() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        OtpRequest unsigned = newRequest();
        OtpRequest signedByAnotherApp = newRequest();
        OtpRequest tampered = newRequest();
        String tamperedValue = json.writeValueAsString(tampered);
        OtpRequest bankOwnRecord = OtpRequest.of(java.util.UUID.randomUUID().toString(), "bank", nextNumber(), null, Instant.now(),
                Instant.now().plusSeconds(600));
        double unauthenticatedBefore = deadLetters("unauthenticated");
        try (Consumer<String, String> deadLetters = deadLetterConsumer()) {
            sendSigned(unsigned.phoneNumber(), json.writeValueAsString(unsigned), null);
            sendSigned(signedByAnotherApp.phoneNumber(), json.writeValueAsString(signedByAnotherApp), WorkerTestConfig.BANK_RECORD_SECRET);
            // signed for one number, sent for another: the signature covers every byte
            Map<String, Object> config = Map.of("bootstrap.servers", TestInfrastructure.endpoints().kafkaBootstrapServers(), "acks", "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.OTP_REQUESTS, tampered.phoneNumber(),
                        tamperedValue.replace(tampered.phoneNumber(), "+14155550999"));
                record.headers().add(RecordSignature.HEADER,
                        RecordSignature.withSecret(WorkerTestConfig.RECORD_SECRET).sign(tamperedValue.getBytes(StandardCharsets.UTF_8)));
                producer.send(record).get();
            }
            // an app's own secret is for its direct requests, which the gateway screens first: not enough here
            sendSigned(bankOwnRecord.phoneNumber(), json.writeValueAsString(bankOwnRecord), WorkerTestConfig.BANK_RECORD_SECRET);
            OtpRequest fromTheGateway = newRequest();
            publish(fromTheGateway);

            await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.heardCode(fromTheGateway.phoneNumber()) != null);
            List<String> dead = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                deadLetters.poll(Duration.ofMillis(200)).forEach(record -> dead.add(record.value()));
                assertThat(dead).anyMatch(value -> value.contains(unsigned.verificationId()))
                        .anyMatch(value -> value.contains(signedByAnotherApp.verificationId()))
                        .anyMatch(value -> value.contains(tampered.verificationId()))
                        .anyMatch(value -> value.contains(bankOwnRecord.verificationId()));
            });
        }
        for (OtpRequest refused : List.of(unsigned, signedByAnotherApp, tampered, bankOwnRecord)) {
            assertThat(sandbox.callsTo(refused.phoneNumber())).as("calls to %s", refused.phoneNumber()).isEmpty();
            assertThat(redis.hasKey(RedisKeys.verification(refused.verificationId()))).isFalse();
        }
        assertThat(sandbox.callsTo("+14155550999")).isEmpty();
        assertThat(deadLetters("unauthenticated") - unauthenticatedBefore).isEqualTo(4);
    }

    @Test
    void shouldRefuseARequestThatClaimsToComeFromTheFuture() throws Exception {
        String number = nextNumber();
        OtpRequest future = OtpRequest.of(java.util.UUID.randomUUID().toString(), "shop", number, null, Instant.now().plus(Duration.ofDays(365)),
                Instant.now().plus(Duration.ofDays(365)).plusSeconds(600));
        OtpRequest valid = newRequest(number);
        publish(future);
        publish(valid);

        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.heardCode(number) != null);
        assertThat(sandbox.callsTo(number)).hasSize(1);
        assertThat(redis.hasKey(RedisKeys.verification(future.verificationId()))).isFalse();
    }

    private double deadLetters(String reason) {
        io.micrometer.core.instrument.Counter counter = meters.find("otp.dead.letters").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
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

    private static Consumer<String, String> deadLetterConsumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.endpoints().kafkaBootstrapServers(),
                "group.id", "dlt-reader-" + java.util.UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of("otp.requests.v1.dlt"));
        return consumer;
    }
}
