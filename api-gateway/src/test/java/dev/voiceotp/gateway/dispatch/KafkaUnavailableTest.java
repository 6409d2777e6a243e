package dev.voiceotp.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
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
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.voiceotp.contract.verification.RedisKeys;
import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.testsupport.RedisServerProcess;
import dev.voiceotp.testsupport.TestInfrastructure;

/**
 * A gateway whose Kafka bootstrap is a closed port (Redis is real): requests fail fast with 503 and leave
 * nothing in Redis. The guide endpoint is left at its default, off.
 */
@SpringBootTest(properties = {
        "voice-otp.code.hmac-secret=" + GatewayIntegrationTest.HMAC_SECRET,
        "voice-otp.apps[0].id=kafka-down",
        "voice-otp.apps[0].name=Kafka down",
        "voice-otp.apps[0].api-key-sha256[0]=" + GatewayIntegrationTest.SHOP_KEY_SHA256,
        "voice-otp.gateway.kafka-ack-timeout=1s",
        "spring.kafka.admin.auto-create=false"})
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class KafkaUnavailableTest {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(1);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    StringRedisTemplate redis;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("spring.data.redis.url", () -> TestInfrastructure.endpoints().redisUrl());
        int closedPort = RedisServerProcess.freePort();
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort);
    }

    @Test
    void shouldAnswer503WithinTheAckTimeoutAndLeaveNoVerificationBehind(CapturedOutput output) {
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
        assertThat(verificationsOf("kafka-down")).isZero();
        // numbers reach the log masked only; Boot's default producer listener would log them in clear
        assertThat(output).contains("+1********33 refused").doesNotContain("4155550133").doesNotContain("4155550131");
    }

    @Test
    void shouldNotServeTheGuideEndpointUnlessEnabled() {
        assertThat(mvc.get().uri("/dispatch_otp/14155550132"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private MvcTestResult create(String phoneNumber, String idempotencyKey) {
        return mvc.post().uri("/v1/verifications")
                .header(HttpHeaders.AUTHORIZATION, GatewayIntegrationTest.SHOP_KEY)
                .header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).content("{\"phoneNumber\":\"" + phoneNumber + "\"}")
                .exchange();
    }

    private long verificationsOf(String appId) {
        long count = 0;
        try (var keys = redis.scan(ScanOptions.scanOptions().match(RedisKeys.verification("*")).count(1000).build())) {
            while (keys.hasNext()) {
                if (appId.equals(redis.<String, String>opsForHash().get(keys.next(), "app"))) {
                    count++;
                }
            }
        }
        return count;
    }
}
