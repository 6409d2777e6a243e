package dev.voiceotp.gateway.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.voiceotp.gateway.GatewayIntegrationTest;
import dev.voiceotp.gateway.OtpRequestsTopic;
import dev.voiceotp.testsupport.RedisServerProcess;
import dev.voiceotp.testsupport.TestInfrastructure;

/** A gateway whose Redis is a closed port (Kafka is real): 503 with Retry-After, and nothing published. */
@SpringBootTest(properties = {
        "voice-otp.code.hmac-secret=" + GatewayIntegrationTest.HMAC_SECRET,
        "voice-otp.records.signing-secret=" + GatewayIntegrationTest.RECORD_SECRET,
        "voice-otp.apps[0].id=redis-down",
        "voice-otp.apps[0].name=Redis down",
        "voice-otp.apps[0].api-key-sha256[0]=" + GatewayIntegrationTest.SHOP_KEY_SHA256,
        "spring.kafka.admin.auto-create=false"})
@AutoConfigureMockMvc
class StorageUnavailableTest {

    @Autowired
    MockMvcTester mvc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + RedisServerProcess.freePort());
    }

    @Test
    void shouldAnswer503AndPublishNothingWhenRedisIsDown() {
        assertThat(mvc.post().uri("/v1/verifications").header(HttpHeaders.AUTHORIZATION, GatewayIntegrationTest.SHOP_KEY)
                .contentType(MediaType.APPLICATION_JSON).content("{\"phoneNumber\":\"+14155550141\"}"))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .containsHeader(HttpHeaders.RETRY_AFTER);

        assertThat(OtpRequestsTopic.messagesForNumber("+14155550141")).isEmpty();
    }

    @Test
    void shouldAnswer503ForReadsWhenRedisIsDown() {
        assertThat(mvc.get().uri("/v1/verifications/0f8fad5b-d9cb-469f-a165-70867728950e")
                .header(HttpHeaders.AUTHORIZATION, GatewayIntegrationTest.SHOP_KEY))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .containsHeader(HttpHeaders.RETRY_AFTER);
    }
}
