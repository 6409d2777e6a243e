package dev.voiceotp.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.event.OtpEvent;
import dev.voiceotp.contract.event.OtpEventType;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.contract.verification.VerificationFields;
import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.testsupport.TestInfrastructure;
import dev.voiceotp.testsupport.TestInfrastructureConnections;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed webhooks from events on {@code otp.events.v1} to apps' endpoints on loopback: signatures a receiver verifies
 * with the documented recipe, order per verification, retries after a 5xx, giving up after a 4xx or too long, event
 * ids for deduplication, and a hanging endpoint that holds up no other app.
 */
@SpringBootTest(properties = {
        "voice-otp.code.hmac-secret=" + GatewayIntegrationTest.HMAC_SECRET,
        "voice-otp.records.signing-secret=" + GatewayIntegrationTest.RECORD_SECRET,
        "voice-otp.gateway.webhooks.allowed-networks=127.0.0.0/8",
        "voice-otp.gateway.webhooks.lanes=2",
        "voice-otp.gateway.webhooks.request-timeout=1s",
        "voice-otp.gateway.webhooks.retry.initial-delay=200ms",
        "voice-otp.gateway.webhooks.retry.max-delay=400ms",
        "voice-otp.gateway.webhooks.retry.give-up-after=3s",
        "voice-otp.gateway.webhooks.idle-poll=200ms",
        "voice-otp.gateway.webhooks.first-start=earliest"})
@Import(TestInfrastructureConnections.class)
@DirtiesContext
class WebhookDeliveryTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String PREVIOUS_SECRET = "whsec_cHJldmlvdXMtc2VjcmV0LW9mLXRoaXJ0eS10d28tYnl0ZXM=";
    private static final Duration DELIVERY = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CallbackReceiver receiver = start();

    @Autowired
    private KafkaTemplate<String, Object> kafka;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private WebhookLanes lanes;

    /** Here whole: a list binds from one property source only, and the receiver's port is known only now. */
    @DynamicPropertySource
    static void apps(DynamicPropertyRegistry registry) {
        registry.add("voice-otp.apps[0].id", () -> "hooks");
        registry.add("voice-otp.apps[0].name", () -> "Hooks");
        registry.add("voice-otp.apps[0].api-key-sha256[0]", () -> GatewayIntegrationTest.SHOP_KEY_SHA256);
        registry.add("voice-otp.apps[0].callback.secrets[0]", () -> WebhookDeliveryTest.SECRET);
        registry.add("voice-otp.apps[0].callback.secrets[1]", () -> WebhookDeliveryTest.PREVIOUS_SECRET);
        registry.add("voice-otp.apps[1].id", () -> "stalled");
        registry.add("voice-otp.apps[1].name", () -> "Stalled");
        registry.add("voice-otp.apps[1].api-key-sha256[0]", () -> GatewayIntegrationTest.OTHER_KEY_SHA256);
        registry.add("voice-otp.apps[1].callback.secrets[0]", () -> WebhookDeliveryTest.SECRET);
        registry.add("voice-otp.apps[2].id", () -> "picky");
        registry.add("voice-otp.apps[2].name", () -> "Picky");
        registry.add("voice-otp.apps[2].api-key-sha256[0]", () -> GatewayIntegrationTest.FRUGAL_KEY_SHA256);
        registry.add("voice-otp.apps[2].callback.secrets[0]", () -> WebhookDeliveryTest.SECRET);
        registry.add("voice-otp.apps[2].callback.events[0]", () -> "approved");
        registry.add("voice-otp.apps[2].callback.include-phone-number", () -> "true");
        registry.add("voice-otp.apps[0].callback.url", () -> receiver.url("/hooks"));
        registry.add("voice-otp.apps[1].callback.url", () -> receiver.url("/stalled"));
        registry.add("voice-otp.apps[2].callback.url", () -> receiver.url("/picky"));
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void shouldDeliverEveryEventSignedAndInOrderPerVerification() throws Exception {
        String id = UUID.randomUUID().toString();
        List<OtpEvent> sent = List.of(event(OtpEventType.REQUESTED, "hooks", id), event(OtpEventType.CALL_PLACED, "hooks", id),
                event(OtpEventType.CALL_ANSWERED, "hooks", id), event(OtpEventType.APPROVED, "hooks", id));
        for (OtpEvent event : sent) {
            publish(event);
        }

        await().atMost(DELIVERY).until(() -> receiver.of("/hooks", id).size() == sent.size());

        List<CallbackReceiver.Received> deliveries = receiver.of("/hooks", id);
        assertThat(deliveries).extracting(CallbackReceiver.Received::id).containsExactlyElementsOf(sent.stream().map(OtpEvent::eventId).toList());
        for (CallbackReceiver.Received delivery : deliveries) {
            assertThat(verifies(delivery, SECRET)).as("signed with the current secret").isTrue();
            assertThat(verifies(delivery, PREVIOUS_SECRET)).as("and with the one being rotated out").isTrue();
            assertThat(Math.abs(Long.parseLong(delivery.timestamp()) - Instant.now().getEpochSecond())).isLessThan(300);
            JsonNode body = JSON.readTree(delivery.body());
            assertThat(body.path("eventId").asString()).isEqualTo(delivery.id());
            assertThat(body.has("phoneNumber")).isFalse();
            assertThat(body.has("code")).isFalse();
        }
        assertThat(deliveries).extracting(delivery -> JSON.readTree(delivery.body()).path("type").asString())
                .containsExactly("requested", "call_placed", "call_answered", "approved");
    }

    @Test
    void shouldTryAgainAfterA500AndDeliverOnceWithTheSameId() throws Exception {
        String id = UUID.randomUUID().toString();
        receiver.answer(id, 500, 503);
        OtpEvent event = event(OtpEventType.CALL_RINGING, "hooks", id);

        publish(event);

        await().atMost(DELIVERY).until(() -> receiver.of("/hooks", id).size() == 3);
        assertThat(receiver.of("/hooks", id)).extracting(CallbackReceiver.Received::id).containsOnly(event.eventId());
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> receiver.of("/hooks", id).size() == 3);
        assertThat(counter("otp.webhooks.deliveries", "hooks", "outcome", "retried")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldGiveUpAfterA400AndKeepTheEventAsADeadLetter() throws Exception {
        String id = UUID.randomUUID().toString();
        receiver.answer(id, 400);
        OtpEvent event = event(OtpEventType.CALL_FAILED, "hooks", id);

        publish(event);

        await().atMost(DELIVERY).until(() -> deadLetter(id) != null);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.of("/hooks", id).size() == 1);
        ConsumerRecord<String, String> dead = deadLetter(id);
        assertThat(new String(dead.headers().lastHeader(WebhookDeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo("4xx");
        assertThat(new String(dead.headers().lastHeader(WebhookDeadLetters.APP_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo("hooks");
        assertThat(JSON.readTree(dead.value()).path("eventId").asString()).isEqualTo(event.eventId());
        assertThat(counter("otp.webhooks.dead.letters", "hooks", "reason", "4xx")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldGiveUpOnAnEndpointThatKeepsFailingAfterTheConfiguredTime() {
        String id = UUID.randomUUID().toString();
        receiver.answer(id, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500);

        publish(event(OtpEventType.CALL_FAILED, "hooks", id));

        await().atMost(DELIVERY).until(() -> deadLetter(id) != null);
        assertThat(new String(deadLetter(id).headers().lastHeader(WebhookDeadLetters.REASON_HEADER).value(), StandardCharsets.UTF_8))
                .isEqualTo("gave_up");
        assertThat(receiver.of("/hooks", id).size()).isGreaterThan(2);
    }

    @Test
    void shouldDeliverAnEventReadTwiceOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        OtpEvent event = event(OtpEventType.EXPIRED, "hooks", id);
        OtpEvent later = event(OtpEventType.CANCELED, "hooks", id);

        publish(event);
        publish(event);
        publish(later);

        await().atMost(DELIVERY).until(() -> receiver.of("/hooks", id).size() >= 2);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> receiver.of("/hooks", id).size() == 2);
        assertThat(receiver.of("/hooks", id)).extracting(CallbackReceiver.Received::id).containsExactly(event.eventId(), later.eventId());
    }

    @Test
    void shouldNotLetAHangingEndpointHoldUpAnotherApp() {
        receiver.hang("/stalled", Duration.ofSeconds(3));
        String stalled = UUID.randomUUID().toString();
        String id = UUID.randomUUID().toString();
        for (int i = 0; i < 4; i++) {
            publish(event(OtpEventType.REQUESTED, "stalled", stalled + i));
        }
        Instant sent = Instant.now();
        publish(event(OtpEventType.REQUESTED, "hooks", id));

        await().atMost(DELIVERY).until(() -> receiver.of("/hooks", id).size() == 1);
        assertThat(Duration.between(sent, receiver.of("/hooks", id).getFirst().at())).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void shouldSendOnlyTheEventsAnAppAskedForWithTheNumberWhenItOptedIn() throws Exception {
        String id = UUID.randomUUID().toString();
        stored(id, "picky", "approved", "+14155550123");

        publish(event(OtpEventType.REQUESTED, "picky", id));
        publish(event(OtpEventType.APPROVED, "picky", id));

        await().atMost(DELIVERY).until(() -> receiver.of("/picky", id).size() == 1);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> receiver.of("/picky", id).size() == 1);
        JsonNode body = JSON.readTree(receiver.of("/picky", id).getFirst().body());
        assertThat(body.path("type").asString()).isEqualTo("approved");
        assertThat(body.path("phoneNumber").asString()).isEqualTo("+14155550123");
    }

    @Test
    void shouldSkipRecordsThatAreNoEventOfAnAppWithACallback() throws Exception {
        String id = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        OtpEvent valid = event(OtpEventType.REQUESTED, "hooks", id);
        send(null, "{}");
        send("no-colon", "{}");
        send("shop:" + other, JSON.writeValueAsString(event(OtpEventType.REQUESTED, "shop", other)));
        send("hooks:" + other, "[1, 2]");
        send("hooks:" + other, "{\"type\":\"no_such_type\",\"eventId\":\"e\",\"verificationId\":\"" + other + "\"}");
        send("hooks:" + other, "{\"type\":\"requested\",\"verificationId\":\"" + other + "\"}");

        publish(valid);

        await().atMost(DELIVERY).until(() -> receiver.of("/hooks", id).size() == 1);
        assertThat(receiver.of("/hooks", other)).isEmpty();
        assertThat(lanes.backoff(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        assertThat(lanes.backoff(30, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void shouldNotDeliverAnApprovalTheVerificationContradictsNorAnotherAppsNumber() throws Exception {
        double notApproved = skipped("not_approved");
        double otherApp = skipped("other_app");
        String pending = UUID.randomUUID().toString();
        stored(pending, "picky", "pending", "+14155550124");
        String othersApproved = UUID.randomUUID().toString();
        stored(othersApproved, "hooks", "approved", "+14155550125");
        String approved = UUID.randomUUID().toString();
        stored(approved, "picky", "approved", "+14155550126");

        // records anyone with write access to the topic could publish: the events carry no signature
        send("picky:" + pending, JSON.writeValueAsString(event(OtpEventType.APPROVED, "picky", pending)));
        send("picky:" + othersApproved, JSON.writeValueAsString(event(OtpEventType.APPROVED, "picky", othersApproved)));
        publish(event(OtpEventType.APPROVED, "picky", approved));

        await().atMost(DELIVERY).until(() -> receiver.of("/picky", approved).size() == 1);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.of("/picky", pending).isEmpty() && receiver.of("/picky", othersApproved).isEmpty());
        assertThat(skipped("not_approved")).isEqualTo(notApproved + 1);
        assertThat(skipped("other_app")).isEqualTo(otherApp + 1);
    }

    private double skipped(String reason) {
        return meters.get(WebhookIntake.SKIPPED).tag("app", "picky").tag("reason", reason).counter().count();
    }

    private void stored(String id, String app, String status, String phoneNumber) {
        redis.opsForHash().putAll(RedisKeys.verification(id), Map.of(VerificationFields.APP, app, VerificationFields.STATUS, status,
                VerificationFields.PHONE, phoneNumber));
        redis.expire(RedisKeys.verification(id), Duration.ofMinutes(5));
    }

    /** A record as anyone with write access could publish it, bytes as given. */
    private static void send(String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                TestInfrastructure.endpoints().kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.OTP_EVENTS, key, value)).get();
        }
    }

    private static OtpEvent event(OtpEventType type, String appId, String verificationId) {
        return OtpEvent.of(type, verificationId, appId, Instant.now(), "US", null);
    }

    private void publish(OtpEvent event) {
        try {
            kafka.send(Topics.OTP_EVENTS, event.key(), event).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The documented recipe: HMAC-SHA256 over {@code id.timestamp.body} under the base64 key after {@code whsec_}. */
    private static boolean verifies(CallbackReceiver.Received delivery, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(
                (delivery.id() + "." + delivery.timestamp() + "." + delivery.body()).getBytes(StandardCharsets.UTF_8)));
        return List.of(delivery.signature().split(" ")).contains(expected);
    }

    private double counter(String name, String app, String tag, String value) {
        var counter = meters.find(name).tag("app", app).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static ConsumerRecord<String, String> deadLetter(String verificationId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                TestInfrastructure.endpoints().kafkaBootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.OTP_WEBHOOKS_DLT, Duration.ofSeconds(5)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            ConsumerRecord<String, String> found = null;
            for (int polls = 0; polls < 3; polls++) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (record.key() != null && record.key().endsWith(":" + verificationId)) {
                        found = record;
                    }
                }
            }
            return found;
        }
    }

    private static CallbackReceiver start() {
        try {
            return new CallbackReceiver();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
