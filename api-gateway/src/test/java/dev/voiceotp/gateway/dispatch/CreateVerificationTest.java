package dev.voiceotp.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

import dev.voiceotp.contract.Topics;
import dev.voiceotp.contract.record.RecordSignature;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.OtpEventsTopic;
import dev.voiceotp.gateway.OtpRequestsTopic;
import dev.voiceotp.gateway.OtpRequestsTopic.Message;
import dev.voiceotp.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code POST /v1/verifications} end to end on the real broker and redis-server. */
class CreateVerificationTest extends GatewayIntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void shouldAnswer202AndPublishTheRequestKeyedByNumber() throws Exception {
        Instant before = clock.instant();

        MvcTestResult result = create(SHOP_KEY, "+14155550101", "en-US", null);

        assertThat(result).hasStatus(HttpStatus.ACCEPTED).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        String id = JsonPath.read(result.getResponse().getContentAsString(), "$.id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(result).hasHeader(HttpHeaders.LOCATION, "/v1/verifications/" + id);
        assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("pending");
        assertThat(result).bodyJson().extractingPath("$.phoneNumber").isEqualTo("+14155550101");
        Instant expiresAt = Instant.parse(JsonPath.read(result.getResponse().getContentAsString(), "$.expiresAt"));
        assertThat(expiresAt).isCloseTo(before.plus(Duration.ofMinutes(10)), within(5, ChronoUnit.SECONDS));

        List<Message> messages = OtpRequestsTopic.messagesFor(id);
        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.key()).isEqualTo("+14155550101");
            assertThat(message.value().propertyNames())
                    .containsExactlyInAnyOrder("version", "verificationId", "appId", "phoneNumber", "locale", "requestedAt",
                            "expiresAt", "delivery");
            assertThat(message.value().path("version").asInt()).isEqualTo(1);
            assertThat(message.value().path("appId").asString()).isEqualTo("shop");
            assertThat(message.value().path("phoneNumber").asString()).isEqualTo("+14155550101");
            assertThat(message.value().path("locale").asString()).isEqualTo("en-US");
            assertThat(Instant.parse(message.value().path("expiresAt").asString())).isEqualTo(expiresAt);
            // the worker takes caller id, PHLO and default method from its own copy of the app's configuration
            assertThat(message.value().path("delivery").isNull()).isTrue();
            assertThat(message.headerNames()).noneMatch(header -> header.contains("TypeId"));
            // the worker calls only for records signed with the gateway's secret, over the exact bytes
            org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
            message.headers().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
            assertThat(RecordSignature.withSecret(GatewayIntegrationTest.RECORD_SECRET).matches(
                    message.headers().get(RecordSignature.HEADER).getBytes(StandardCharsets.US_ASCII),
                    message.rawValue().getBytes(StandardCharsets.UTF_8), headers)).as("record signature").isTrue();
        });
    }

    @Test
    void shouldStoreThePendingVerificationWithItsPointers() throws Exception {
        MvcTestResult result = create(SHOP_KEY, "+14155550102", null, null);
        String id = JsonPath.read(result.getResponse().getContentAsString(), "$.id");

        Map<String, String> hash = redis.<String, String>opsForHash().entries(RedisKeys.verification(id));
        assertThat(hash).containsEntry("app", "shop").containsEntry("phone", "+14155550102")
                .containsEntry("status", "pending").containsEntry("failedAttempts", "0").containsEntry("country", "US")
                .containsKeys("createdAt", "expiresAt").doesNotContainKeys("locale", "delivery");
        assertThat(Long.parseLong(hash.get("expiresAt")) - Long.parseLong(hash.get("createdAt"))).isEqualTo(600_000);
        // kept for the code's lifetime plus the retention (1 h), so a client can still read the outcome
        assertThat(redis.getExpire(RedisKeys.verification(id))).isBetween(4190L, 4200L);
        assertThat(redis.opsForValue().get(RedisKeys.latestForNumber("shop", "+14155550102"))).isEqualTo(id);
        // the verifier's expiry sweeper finds it here when its lifetime ends
        assertThat(redis.opsForZSet().score(RedisKeys.pendingExpiries(), id)).isEqualTo(Double.valueOf(hash.get("expiresAt")));
    }

    @Test
    void shouldPassAnExplicitDeliveryMethodToTheWorker() throws Exception {
        MvcTestResult result = mvc.post().uri("/v1/verifications").header(HttpHeaders.AUTHORIZATION, SHOP_KEY)
                .contentType(MediaType.APPLICATION_JSON).content("{\"phoneNumber\":\"+14155550108\",\"delivery\":\"phlo\"}")
                .exchange();

        String id = idOf(result);
        assertThat(hash(id)).containsEntry("delivery", "phlo");
        assertThat(OtpRequestsTopic.messagesFor(id)).singleElement()
                .satisfies(message -> assertThat(message.value().path("delivery").asString()).isEqualTo("phlo"));
    }

    @Test
    void shouldPublishARequestedEventWithTheCountryButNotTheNumber() throws Exception {
        String id = createdId(SHOP_KEY, "+14155550109");

        List<Message> events = OtpEventsTopic.awaitEvent("shop", id, "requested");

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.value().path("verificationId").asString()).isEqualTo(id);
            assertThat(event.value().path("appId").asString()).isEqualTo("shop");
            assertThat(event.value().path("country").asString()).isEqualTo("US");
            assertThat(event.value().path("eventId").asString()).isNotBlank();
            assertThat(event.value().toString()).doesNotContain("4155550109");
        });
    }

    @Test
    void shouldAnswerTheSameVerificationForARepeatedIdempotencyKeyAndPublishItOnce() throws Exception {
        String key = "order-" + UUID.randomUUID();
        double replaysBefore = requests("idempotent_replay");

        MvcTestResult first = create(SHOP_KEY, "+14155550103", null, key);
        // no longer pending, so only the Idempotency-Key can answer it again: a pending verification inside the resend
        // cooldown would be handed back to any request for the number
        String firstId = JsonPath.read(first.getResponse().getContentAsString(), "$.id");
        redis.opsForHash().put(RedisKeys.verification(firstId), "status", "approved");
        MvcTestResult second = create(SHOP_KEY, "+14155550103", null, key);

        assertThat(first).hasStatus(HttpStatus.ACCEPTED);
        assertThat(second).hasStatus(HttpStatus.ACCEPTED);
        String firstBody = first.getResponse().getContentAsString();
        assertThat(second.getResponse().getContentAsString()).isEqualTo(firstBody);
        String id = JsonPath.read(firstBody, "$.id");
        assertThat(OtpRequestsTopic.messagesForNumber("+14155550103")).singleElement()
                .satisfies(message -> assertThat(message.value().path("verificationId").asString()).isEqualTo(id));
        assertThat(redis.opsForValue().get(RedisKeys.idempotencyKey("shop", key))).isEqualTo(id);
        assertThat(requests("idempotent_replay")).isEqualTo(replaysBefore + 1);
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedForAnotherNumber() {
        String key = "order-" + UUID.randomUUID();
        create(SHOP_KEY, "+14155550104", null, key);

        assertThat(create(SHOP_KEY, "+14155550105", null, key))
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.title").isEqualTo("Idempotency-Key reused with a different request");
        assertThat(OtpRequestsTopic.messagesForNumber("+14155550105")).isEmpty();
    }

    @Test
    void shouldScopeIdempotencyKeysToTheApp() throws Exception {
        String key = "order-" + UUID.randomUUID();

        String shopId = JsonPath.read(create(SHOP_KEY, "+14155550106", null, key).getResponse().getContentAsString(), "$.id");
        String otherId = JsonPath.read(create(OTHER_KEY, "+14155550106", null, key).getResponse().getContentAsString(), "$.id");

        assertThat(otherId).isNotEqualTo(shopId);
        assertThat(OtpRequestsTopic.messagesForNumber("+14155550106")).hasSize(2);
    }

    @Test
    void shouldDeclareTheTopicWithTheConfiguredPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.endpoints().kafkaBootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.OTP_REQUESTS)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.OTP_REQUESTS);
            assertThat(topic.partitions()).hasSize(6);
        }
    }

    @Test
    void shouldCountOutcomesPerAppWithoutNumbersOrIds() throws Exception {
        double acceptedBefore = requests("accepted");
        double invalidBefore = requests("invalid");
        create(SHOP_KEY, "+14155550107", null, null);
        create(SHOP_KEY, "+1415", null, null);
        assertThat(requests("accepted")).isEqualTo(acceptedBefore + 1);
        assertThat(requests("invalid")).isEqualTo(invalidBefore + 1);

        String scrape = scrape();

        assertThat(scrape).containsPattern("otp_requests_total\\{app=\"shop\",application=\"api-gateway\",outcome=\"accepted\"} [1-9]")
                .containsPattern("otp_requests_total\\{app=\"shop\",application=\"api-gateway\",outcome=\"invalid\"} [1-9]")
                .contains("otp_requests_total{app=\"other\",application=\"api-gateway\",outcome=\"kafka_unavailable\"} 0")
                .contains("otp_requests_total{app=\"other\",application=\"api-gateway\",outcome=\"pending_reused\"} 0")
                .contains("otp_refusals_total{app=\"other\",application=\"api-gateway\",reason=\"spend_cap_country\"} 0")
                .containsPattern("otp_verifications_requested_total\\{app=\"shop\",application=\"api-gateway\",country=\"US\"} [1-9]")
                .containsPattern("otp_spend_calls_total\\{app=\"shop\",application=\"api-gateway\"} [1-9]")
                .contains("otp_spend_cap{app=\"shop\",application=\"api-gateway\"} 10000")
                .contains("otp_verifications_canceled_total{app=\"other\",application=\"api-gateway\"} 0")
                .containsPattern("otp_kafka_publish_seconds_count\\{application=\"api-gateway\",outcome=\"acked\"} [1-9]")
                .doesNotContain("14155550107").doesNotContain("4155550107");
    }

    private double requests(String outcome) {
        return meters.get("otp.requests").tags("app", "shop", "outcome", outcome).counter().count();
    }
}
