package dev.voiceotp.gateway.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.record.RecordSignature;
import dev.voiceotp.contract.verification.CodeProperties;
import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.OtpRequestsTopic;
import dev.voiceotp.gateway.OtpRequestsTopic.Message;
import dev.voiceotp.testsupport.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request a producer app publishes to Kafka itself gets the REST path's screening before any call: only the app's
 * own secret lets it in, the destination policy, limits and caps apply, its lifetime counts from the gateway's
 * acceptance, its id cannot take over another verification, and a record requested outside the window around the
 * gateway's clock is not called at all. Refused records go to the dead-letter topic with the reason. The records are
 * dated by the gateway's clock, which other tests move ahead.
 */
class DirectRequestTest extends GatewayIntegrationTest {

    @Test
    void shouldPassOnASignedDirectRequestOnceWithTheGatewaysSignatureAndItsOwnLifetime() throws Exception {
        String id = UUID.randomUUID().toString();
        // the publisher's expiry is ignored: requested nine minutes ago, with a day to live, it gets ten minutes from now
        String record = request(id, "shop", "+14155550281", clock.instant().minus(Duration.ofMinutes(9)), clock.instant().plus(Duration.ofDays(1)));

        publish("+14155550281", record, SHOP_RECORD_SECRET);
        publish("+14155550281", record, SHOP_RECORD_SECRET);
        String barrier = UUID.randomUUID().toString();
        publish("+14155550282", request(barrier, "shop", "+14155550282", clock.instant(), clock.instant()), SHOP_RECORD_SECRET);
        await().atMost(Duration.ofSeconds(20)).until(() -> !OtpRequestsTopic.messagesFor(barrier).isEmpty());

        List<Message> passedOn = OtpRequestsTopic.messagesFor(id);
        assertThat(passedOn).hasSize(1);
        Message message = passedOn.getFirst();
        assertThat(RecordSignature.withSecret(RECORD_SECRET).matches(message.headers().get(RecordSignature.HEADER)
                .getBytes(StandardCharsets.US_ASCII), message.rawValue().getBytes(StandardCharsets.UTF_8), headersOf(message))).isTrue();
        Instant requestedAt = Instant.parse(message.value().path("requestedAt").asString());
        Instant expiresAt = Instant.parse(message.value().path("expiresAt").asString());
        assertThat(requestedAt).isBetween(clock.instant().minus(Duration.ofMinutes(1)), clock.instant().plusSeconds(1));
        assertThat(expiresAt).isAfter(clock.instant().plus(Duration.ofMinutes(9)));
        assertThat(Duration.between(requestedAt, expiresAt)).isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(hash(id)).containsEntry("app", "shop").containsEntry("phone", "+14155550281").containsEntry("status", "pending");
    }

    @Test
    void shouldDeadLetterWhatItMayNotCallWithTheReason() throws Exception {
        String premium = UUID.randomUUID().toString();
        String unsigned = UUID.randomUUID().toString();
        String foreign = UUID.randomUUID().toString();
        String takeover = createdId(OTHER_KEY, "+14155550284");
        Map<String, String> takenOverBefore = hash(takeover);

        publish("+19002345678", request(premium, "shop", "+19002345678", clock.instant(), clock.instant()), SHOP_RECORD_SECRET);
        publish("+14155550283", request(unsigned, "shop", "+14155550283", clock.instant(), clock.instant()), null);
        // the shop's secret does not speak for another app
        publish("+14155550283", request(foreign, "other", "+14155550283", clock.instant(), clock.instant()), SHOP_RECORD_SECRET);
        // an id that names another app's verification, with the publisher's own number
        publish("+14155550285", request(takeover, "shop", "+14155550285", clock.instant(), clock.instant()), SHOP_RECORD_SECRET);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deadLetterReasons())
                .containsEntry(premium, "destination_type").containsEntry(unsigned, "unauthenticated")
                .containsEntry(foreign, "unauthenticated").containsEntry(takeover, "verification_id_in_use"));
        for (String refused : List.of(premium, unsigned, foreign)) {
            assertThat(OtpRequestsTopic.messagesFor(refused)).isEmpty();
            assertThat(hash(refused)).isEmpty();
        }
        assertThat(OtpRequestsTopic.messagesFor(takeover)).hasSize(1);
        assertThat(hash(takeover)).isEqualTo(takenOverBefore);
        assertThat(scrape()).containsPattern("otp_direct_dead_letters_total\\{[^}]*reason=\"verification_id_in_use\"[^}]*\\} [1-9]");
    }

    @Test
    void shouldNotCallARecordRequestedLongBeforeOrAheadOfTheGatewaysClock() throws Exception {
        String replayed = UUID.randomUUID().toString();
        String ahead = UUID.randomUUID().toString();
        String lastMoment = UUID.randomUUID().toString();
        String slightlyAhead = UUID.randomUUID().toString();
        Instant now = clock.instant();

        // signed by the app, but requested eleven minutes ago: the same record read again once its verification is
        // gone (a consumer group reset to the earliest offset, a copy published again) must not call anyone again
        publish("+14155550286", request(replayed, "shop", "+14155550286", now.minus(Duration.ofMinutes(11)), now.minus(Duration.ofMinutes(1))),
                SHOP_RECORD_SECRET);
        publish("+14155550287", request(ahead, "shop", "+14155550287", now.plus(Duration.ofMinutes(6)), now.plus(Duration.ofMinutes(16))),
                SHOP_RECORD_SECRET);
        // inside the window: requested almost ten minutes ago, or (a publisher's clock running ahead) four minutes ahead
        publish("+14155550288", request(lastMoment, "shop", "+14155550288", now.minus(Duration.ofMinutes(9)).minusSeconds(30), now),
                SHOP_RECORD_SECRET);
        publish("+14155550289", request(slightlyAhead, "shop", "+14155550289", now.plus(Duration.ofMinutes(4)), now.plus(Duration.ofMinutes(14))),
                SHOP_RECORD_SECRET);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deadLetterReasons())
                .containsEntry(replayed, "stale").containsEntry(ahead, "stale"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !OtpRequestsTopic.messagesFor(lastMoment).isEmpty()
                && !OtpRequestsTopic.messagesFor(slightlyAhead).isEmpty());
        for (String refused : List.of(replayed, ahead)) {
            assertThat(OtpRequestsTopic.messagesFor(refused)).isEmpty();
            assertThat(hash(refused)).isEmpty();
        }
        assertThat(deadLetterReasons()).doesNotContainKeys(lastMoment, slightlyAhead);
        assertThat(scrape()).containsPattern("otp_direct_dead_letters_total\\{[^}]*reason=\"stale\"[^}]*\\} [2-9]");
    }

    @Test
    void shouldRefuseToStartWhenAVerificationIsKeptNoLongerThanTheWindow() {
        CodeProperties shortKept = new CodeProperties(6, Duration.ofMinutes(10), 5, "x".repeat(32), Duration.ofMinutes(5), 10,
                Duration.ofHours(1), List.of());

        assertThatThrownBy(() -> new DirectRequests(JsonMapper.builder().build(), null, null, clock, shortKept))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("voice-otp.code.retention");
    }

    private static String request(String id, String app, String phoneNumber, Instant requestedAt, Instant expiresAt) {
        return """
                {"version":1,"verificationId":"%s","appId":"%s","phoneNumber":"%s","requestedAt":"%s","expiresAt":"%s"}"""
                .formatted(id, app, phoneNumber, requestedAt, expiresAt);
    }

    private static void publish(String key, String value, @Nullable String secret) throws Exception {
        Map<String, Object> config = Map.of("bootstrap.servers", TestInfrastructure.endpoints().kafkaBootstrapServers(), "acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.OTP_DIRECT_REQUESTS, key, value);
            if (secret != null) {
                record.headers().add(RecordSignature.HEADER, RecordSignature.withSecret(secret).sign(value.getBytes(StandardCharsets.UTF_8)));
            }
            producer.send(record).get();
        }
    }

    /** Verification id -> dead-letter reason, for every dead letter so far. */
    private static Map<String, String> deadLetterReasons() {
        Map<String, String> reasons = new java.util.HashMap<>();
        for (Message message : OtpRequestsTopic.read(Topics.OTP_DIRECT_REQUESTS_DLT)) {
            reasons.put(message.value().path("verificationId").asString(), message.headers().get(DirectDeadLetters.REASON_HEADER));
        }
        return reasons;
    }

    private static org.apache.kafka.common.header.internals.RecordHeaders headersOf(Message message) {
        org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        message.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }
}
