package dev.voiceotp.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.voiceotp.contract.OtpRequest;
import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.GatewayRedisKeys;
import dev.voiceotp.testsupport.RedisServerProcess;
import dev.voiceotp.testsupport.TestInfrastructure;

/**
 * A gateway whose Kafka bootstrap is a closed port (Redis is real): requests fail fast with 503 and leave nothing
 * that will call or that a retry would trip over. The guide endpoint is left at its default, off.
 */
@SpringBootTest(properties = {
        "voice-otp.code.hmac-secret=" + GatewayIntegrationTest.HMAC_SECRET,
        "voice-otp.records.signing-secret=" + GatewayIntegrationTest.RECORD_SECRET,
        "voice-otp.apps[0].id=kafka-down",
        "voice-otp.apps[0].name=Kafka down",
        "voice-otp.apps[0].api-key-sha256[0]=" + GatewayIntegrationTest.SHOP_KEY_SHA256,
        "voice-otp.gateway.kafka-ack-timeout=1s",
        // its numbers share a block, and its requests the client address, with the main test context's, whose buckets
        // (in the same Redis, kept by that context's clock) must keep that context's settings
        "voice-otp.gateway.limits.prefix.capacity=0",
        "voice-otp.gateway.limits.ip.capacity=0",
        "spring.kafka.admin.auto-create=false",
        // its relay could not send: it must not take the events of the other test contexts, which share the Redis
        "voice-otp.events.outbox.enabled=false"})
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaUnavailableTest {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(1);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    StringRedisTemplate redis;

    /** The real publisher, which fails for want of a broker; one test has it do what a worker would meanwhile. */
    @MockitoSpyBean
    OtpRequestPublisher publisher;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("spring.data.redis.url", () -> TestInfrastructure.endpoints().redisUrl());
        int closedPort = RedisServerProcess.freePort();
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort);
    }

    /** First, because the warning is logged at most once a second and must come from this test's requests. */
    @Test
    @Order(1)
    void shouldAnswer503WithinTheAckTimeoutAndReleaseThePointers(CapturedOutput output) {
        String idempotencyKey = UUID.randomUUID().toString();
        // the first request in a fresh context also pays for connecting to Redis and building the producer
        assertThat(create("+14155550133", UUID.randomUUID().toString())).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
        long start = System.nanoTime();

        MvcTestResult result = create("+14155550131", idempotencyKey);

        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .containsHeader(HttpHeaders.RETRY_AFTER);
        assertThat(elapsed).isLessThan(ACK_TIMEOUT.plusMillis(500));
        assertThat(redis.hasKey(RedisKeys.latestForNumber("kafka-down", "+14155550131"))).isFalse();
        assertThat(redis.hasKey(RedisKeys.idempotencyKey("kafka-down", idempotencyKey))).isFalse();
        // numbers reach the log masked only; Boot's default producer listener would log them in clear
        assertThat(output).contains("+1********33 refused").doesNotContain("4155550133").doesNotContain("4155550131");
    }

    @Test
    void shouldCancelTheVerificationAsNotDispatchedSoThatNoWorkerCallsForIt() {
        assertThat(create("+14155550134", UUID.randomUUID().toString())).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);

        // the broker may have the request after all: the hash stays, canceled, so the worker's claim refuses to call
        Map<String, String> verification = verificationsOf("kafka-down", "+14155550134").getFirst();
        assertThat(verification).containsEntry("status", "canceled").containsEntry("failureReason", "not_dispatched")
                .containsKey("canceledAt");
        assertThat(redis.opsForZSet().score(RedisKeys.pendingExpiries(), verification.get("id"))).isNull();
    }

    /**
     * The broker may have the request although its ack never came (late, or lost on the way), and a worker may claim
     * the call while the gateway still waits: a 503 then would have the app ask again while the phone rings. As the
     * worker's claim does, the test marks the call claimed as the request is sent, before the send fails.
     */
    @Test
    void shouldAcceptARequestWhoseCallAWorkerClaimedWhileTheAckWasLate() throws Exception {
        String phone = "+14155550137";
        List<String> claimed = new CopyOnWriteArrayList<>();
        doAnswer(send -> {
            String id = send.<OtpRequest>getArgument(0).verificationId();
            redis.opsForHash().put(RedisKeys.verification(id), "callState", "claimed");
            claimed.add(id);
            return send.callRealMethod();
        }).when(publisher).publish(argThat(request -> request != null && phone.equals(request.phoneNumber())), any(), any());

        MvcTestResult result = create(phone, UUID.randomUUID().toString());

        assertThat(claimed).hasSize(1);
        String id = claimed.getFirst();
        assertThat(result).hasStatus(HttpStatus.ACCEPTED).bodyJson().extractingPath("$.id").isEqualTo(id);
        assertThat(redis.<String, String>opsForHash().entries(RedisKeys.verification(id)))
                .containsEntry("status", "pending").doesNotContainKeys("failureReason", "canceledAt");
        assertThat(redis.opsForValue().get(RedisKeys.latestForNumber("kafka-down", phone))).isEqualTo(id);
    }

    @Test
    void shouldRefundTheCallSoThatRetriesDuringAnOutageDoNotSpendTheCaps() {
        long spentBefore = callsChargedToday();
        for (int attempt = 0; attempt < 6; attempt++) {
            assertThat(create("+14155550135", UUID.randomUUID().toString())).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
        }

        // six attempts, but no call was placed: neither the number's hourly cap (5) nor the spend counters moved
        assertThat(redis.opsForZSet().size(GatewayRedisKeys.numberCalls("+14155550135"))).isZero();
        // (a request of another test here may have been accepted and charged: the count must not have moved)
        assertThat(callsChargedToday()).isEqualTo(spentBefore);
        // not 429 number_calls_hourly: the seventh attempt still reaches Kafka
        assertThat(create("+14155550135", UUID.randomUUID().toString())).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void shouldGiveTheReplacedVerificationBackWhenItsReplacementWasNotDispatched() {
        String phone = "+14155550136";
        String olderId = UUID.randomUUID().toString();
        long createdAt = Instant.now().minusSeconds(120).toEpochMilli();
        long expiresAt = createdAt + 600_000;
        redis.opsForHash().putAll(RedisKeys.verification(olderId), Map.of("app", "kafka-down", "phone", phone,
                "status", "pending", "createdAt", Long.toString(createdAt), "expiresAt", Long.toString(expiresAt),
                "failedAttempts", "0", "codeHash", "older-code-hash"));
        redis.expire(RedisKeys.verification(olderId), Duration.ofMinutes(70));
        redis.opsForValue().set(RedisKeys.latestForNumber("kafka-down", phone), olderId, Duration.ofMinutes(70));

        assertThat(create(phone, UUID.randomUUID().toString())).hasStatus(HttpStatus.SERVICE_UNAVAILABLE);

        // the code the person already heard keeps working: the failed resend changed nothing for them
        assertThat(redis.<String, String>opsForHash().entries(RedisKeys.verification(olderId)))
                .containsEntry("status", "pending").doesNotContainKeys("failureReason", "canceledAt");
        assertThat(redis.opsForValue().get(RedisKeys.latestForNumber("kafka-down", phone))).isEqualTo(olderId);
        assertThat(redis.opsForZSet().score(RedisKeys.pendingExpiries(), olderId)).isEqualTo((double) expiresAt);
    }

    @Test
    void shouldNotServeTheGuideEndpointUnlessEnabled() {
        assertThat(mvc.get().uri("/dispatch_otp/14155550132"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** The app's daily spend counter; absent counts as none. */
    private long callsChargedToday() {
        String spent = redis.opsForValue().get(RedisKeys.appDailySpend("kafka-down", Instant.now()));
        return spent == null ? 0 : Long.parseLong(spent);
    }

    private MvcTestResult create(String phoneNumber, String idempotencyKey) {
        return mvc.post().uri("/v1/verifications")
                .header(HttpHeaders.AUTHORIZATION, GatewayIntegrationTest.SHOP_KEY)
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).content("{\"phoneNumber\":\"" + phoneNumber + "\"}")
                .exchange();
    }

    private List<Map<String, String>> verificationsOf(String appId, String phoneNumber) {
        List<Map<String, String>> found = new ArrayList<>();
        try (var keys = redis.scan(ScanOptions.scanOptions().match(RedisKeys.verification("*")).count(1000).build())) {
            while (keys.hasNext()) {
                String key = keys.next();
                Map<String, String> hash = new HashMap<>(redis.<String, String>opsForHash().entries(key));
                if (appId.equals(hash.get("app")) && phoneNumber.equals(hash.get("phone"))) {
                    hash.put("id", key.substring(RedisKeys.verification("").length()));
                    found.add(hash);
                }
            }
        }
        return found;
    }
}
